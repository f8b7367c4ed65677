/**
 * The reload signal's target from a pid file, checked: whoever can write the file chooses the
 * process, so the agent (perhaps root on a VM) signals only a process running as the file's
 * owner, and refuses a file that others than its owner may write.
 */
import { open, readFile } from "node:fs/promises";

export async function pidToSignal(pidFile: string): Promise<number> {
  const handle = await open(pidFile, "r");
  let text: string;
  let owner: number;
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new Error(`${pidFile} is not a file`);
    if ((st.mode & 0o022) !== 0) {
      throw new Error(
        `${pidFile} may be written by others than its owner (mode ${(st.mode & 0o777).toString(8)})`,
      );
    }
    owner = st.uid;
    text = await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(pid) || pid <= 1) {
    throw new Error(`no pid in ${pidFile}`);
  }
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => undefined);
  if (status === undefined) throw new Error(`no process ${pid} (from ${pidFile})`);
  const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
  if (uid !== owner) {
    throw new Error(`process ${pid} runs as uid ${uid}, not as ${pidFile}'s owner (uid ${owner})`);
  }
  return pid;
}
