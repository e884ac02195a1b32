/** The mission page's review event stream, as a client reads it: each `review` event's data, in order, until the stream ends. */
export async function* reviewEvents<State = { progressStatus: string; attempt: number; review: string | null }>(response: Response): AsyncGenerator<State> {
  if (!response.body) throw new Error("the review event stream has no body");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split("\n").find((line) => line.startsWith("data: "));
        if (block.startsWith("event: review") && data) yield JSON.parse(data.slice(6)) as State;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
