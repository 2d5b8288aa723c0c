import { Duplex, pipeline, type Readable, type Writable } from 'node:stream';

/**
 * `decoder → scanner → encoder` as one Duplex with end-to-end back-pressure: writes go to the first
 * stream, reads come from the last, and the first error destroys all of them. (`stream.compose` does
 * the same but is still experimental in Node 20.)
 */
export class StreamChain extends Duplex {
  private readonly head: Writable;
  private readonly tail: Readable;

  constructor(streams: readonly [Writable & Readable, ...(Writable & Readable)[]]) {
    super();
    const first = streams[0];
    const last = streams[streams.length - 1] ?? first;
    this.head = first;
    this.tail = last;
    if (streams.length > 1) {
      pipeline(streams as unknown as [Readable, ...Writable[]], (err) => {
        if (err) this.destroy(err);
      });
    } else {
      first.on('error', (err: Error) => this.destroy(err));
    }
    last.on('readable', () => this.pull());
    last.on('end', () => this.push(null));
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.head.write(chunk)) callback();
    else this.head.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.head.end(() => callback());
  }

  override _read(): void {
    this.pull();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.head.destroyed) this.head.destroy();
    if (!this.tail.destroyed) this.tail.destroy();
    callback(error);
  }

  private pull(): void {
    for (let chunk = this.tail.read() as Buffer | null; chunk !== null; chunk = this.tail.read() as Buffer | null) {
      if (!this.push(chunk)) return;
    }
  }
}
