/** A spinner on stderr while a long operation runs — only when stderr is a terminal. */

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** Awaits `work`, showing `label` with a spinner meanwhile if `stream` is a TTY. */
export async function withProgress<T>(
  stream: ProgressStream,
  label: string,
  work: Promise<T>,
): Promise<T> {
  // Piped or redirected stderr gets nothing: logs should not fill with control characters.
  if (!stream.isTTY) return work;
  let frame = 0;
  const draw = () => {
    stream.write(`\r${FRAMES[frame % FRAMES.length]} ${label}`);
    frame += 1;
  };
  draw();
  const timer = setInterval(draw, 100);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    stream.write("\r\x1b[2K");
  }
}
