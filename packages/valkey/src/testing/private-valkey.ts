import { type Subprocess, spawn } from "bun";

/**
 * A Valkey-compatible server (redis-server on this machine) of the test's own on a free port, for fault tests that stop and restart it. It
 * never touches the shared instance on 6379; it is stopped by its own pid.
 */
export interface PrivateValkey {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
}

export async function startPrivateValkey(): Promise<PrivateValkey> {
  const port = await freePort();
  let server: Subprocess | undefined;
  const ping = async () => {
    const probe = spawn(["redis-cli", "-p", String(port), "ping"], { stdout: "pipe", stderr: "ignore" });
    return (await new Response(probe.stdout).text()).trim() === "PONG";
  };
  const handle: PrivateValkey = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      server = spawn(
        ["redis-server", "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        { stdout: "ignore", stderr: "ignore" },
      );
      const deadline = Date.now() + 10_000;
      while (!(await ping())) {
        if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within 10 s`);
        await Bun.sleep(25);
      }
    },
    async stop(signal = "SIGKILL") {
      if (!server) return;
      server.kill(signal);
      await server.exited;
      server = undefined;
    },
  };
  await handle.start();
  return handle;
}

async function freePort(): Promise<number> {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = listener;
  listener.stop(true);
  return port;
}
