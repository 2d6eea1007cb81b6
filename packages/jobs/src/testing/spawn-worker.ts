import { spawn } from "bun";

const script = new URL("./worker-process.ts", import.meta.url).pathname;

/** Starts `worker-process.ts <mode>` with the test's prefix and Valkey; resolves once it says "ready". */
export async function spawnWorkerProcess(
  mode: "work" | "schedulers",
  env: { prefix: string; valkeyUrl: string },
) {
  const child = spawn(["bun", script, mode], {
    env: { ...process.env, QUEUE_PREFIX: env.prefix, VALKEY_URL: env.valkeyUrl },
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = child.stdout.getReader();
  let output = "";
  if (mode === "work") {
    while (!output.includes("ready")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`worker process exited before it was ready: ${output}`);
      output += new TextDecoder().decode(value);
    }
  }
  return {
    child,
    pid: child.pid,
    /** Everything the process printed (schedulers mode prints its result and exits). */
    async output() {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return output;
        output += new TextDecoder().decode(value);
      }
    },
  };
}
