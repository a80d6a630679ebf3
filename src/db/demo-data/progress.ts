// Progress of a long load: on a terminal, one line rewritten in place (done, rate, ETA); elsewhere (CI, the
// supervisor's log), a line through `log` at most every 15 s, and only for loads big enough to take that long.

export interface Progress {
  tick(done: number): void;
  end(): void;
}

const QUIET_BELOW = 100_000;

export function progress(label: string, total: number, log: (line: string) => void, tty = process.stderr.isTTY === true): Progress {
  const started = performance.now();
  let last = started;
  const every = tty ? 250 : 15_000;
  const line = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const eta = rate > 0 ? (total - done) / rate : 0;
    return `${label}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} (${Math.floor((done / Math.max(total, 1)) * 100)}%), ` +
      `${Math.round(rate).toLocaleString('en')}/s, ${Math.round(seconds)} s elapsed, about ${Math.ceil(eta)} s left`;
  };
  return {
    tick(done) {
      const now = performance.now();
      if (now - last < every || (!tty && total < QUIET_BELOW)) return;
      last = now;
      if (tty) process.stderr.write(`\r\x1b[2K${line(done)}`);
      else log(line(done));
    },
    end() {
      if (tty && last !== started) process.stderr.write('\r\x1b[2K');
    },
  };
}
