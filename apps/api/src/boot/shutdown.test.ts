import { expect, test } from "bun:test";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { spawn } from "bun";

const root = new URL("../../../../", import.meta.url).pathname;

test.each(["SIGINT", "SIGTERM"] as const)(
  "%s to the whole process group of `bun run start` drains once and exits 0",
  async (signal) => {
    // setsid: the command runs in a process group of its own, as under a terminal (Ctrl-C is SIGINT)
    // or a service manager, and the signal goes to every process of it (`bun run` forwards it too).
    const child = spawn(["setsid", "bun", "run", "start"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        JWT_SECRET: "a-test-secret-that-is-long-enough-0123456789",
        OPERATOR_TOKEN: "a-test-operator-token",
        PORT: "0",
        LOG_LEVEL: "info",
      },
      stdout: "pipe",
      stderr: "pipe",
    });
    let output = "";
    void (async () => {
      for await (const chunk of child.stdout) output += new TextDecoder().decode(chunk);
    })();
    await waitFor("the server to listen", () => output.includes('"msg":"API listening"'), {
      timeoutMs: 20_000,
    });
    process.kill(-child.pid, signal);
    const code = await child.exited;
    const lines = output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { msg: string });
    expect(code).toBe(0);
    expect(lines.filter((line) => line.msg === "shutting down")).toHaveLength(1);
    expect(lines.some((line) => line.msg === "shutdown complete")).toBe(true);
    expect(lines.some((line) => line.msg === "second signal: exiting now")).toBe(false);
  },
  40_000,
);
