import { pipeline, Transform, type TransformCallback } from 'node:stream';

/**
 * `decoder → scanner → encoder` as one Transform with end-to-end back-pressure: chunks written to it
 * go to the first stream, the last stream's output is pushed out (it pauses while the reader is
 * full), and the first error destroys all of them. (`stream.compose` does the same but is still
 * experimental in Node 20, and the gateway's pipeline expects a Transform.)
 */
export class ChainTransform extends Transform {
  private readonly head: Transform;
  private readonly tail: Transform;
  private flushed: TransformCallback | undefined;

  constructor(streams: readonly [Transform, Transform, ...Transform[]]) {
    super();
    const head = streams[0];
    const tail = streams[streams.length - 1] ?? head;
    this.head = head;
    this.tail = tail;
    pipeline(streams as unknown as [Transform, Transform, ...Transform[]], (err) => {
      // Not piped yet (a proxy still waiting for the verdict, which reports the failure): destroy
      // without an error event nobody would handle; a pipeline attached later sees a premature close.
      if (err) this.destroy(this.listenerCount('error') > 0 ? err : undefined);
    });
    tail.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) tail.pause();
    });
    tail.on('end', () => {
      const done = this.flushed;
      this.flushed = undefined;
      done?.();
    });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (this.head.write(chunk)) callback();
    else this.head.once('drain', () => callback());
  }

  override _flush(callback: TransformCallback): void {
    this.flushed = callback;
    this.head.end();
  }

  override _read(size: number): void {
    if (this.tail.isPaused()) this.tail.resume();
    super._read(size);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.head.destroyed) this.head.destroy();
    if (!this.tail.destroyed) this.tail.destroy();
    callback(error);
  }
}
