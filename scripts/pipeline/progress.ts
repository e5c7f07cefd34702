// Progress on stderr: a one-line bar on a terminal, plain lines otherwise (logs, CI).
export interface ErrorStream { write(text: string): unknown; isTTY?: boolean; columns?: number }

export interface Progress {
  /** A new stage begins. */
  stage(label: string): void;
  /** Work within the current stage. */
  update(done: number, total: number, label?: string): void;
  /** Ends a bar line so that following messages start on a fresh line. */
  end(): void;
}

const BAR_WIDTH = 24;

export function createProgress(stream: ErrorStream): Progress {
  let stageLabel = '';
  let barShown = false;
  let lastDecile = -1;
  const clearBar = () => {
    if (barShown) stream.write('\r\x1b[2K');
    barShown = false;
  };
  if (stream.isTTY) {
    return {
      stage(label) { stageLabel = label; clearBar(); stream.write(`${label}…`); barShown = true; },
      update(done, total, label) {
        const fraction = total > 0 ? Math.min(1, done / total) : 1;
        const filled = Math.round(fraction * BAR_WIDTH);
        const text = `${stageLabel} [${'#'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${Math.floor(fraction * 100)}%${label ? ` ${label}` : ''}`;
        const width = (stream.columns ?? 80) - 1;
        stream.write(`\r\x1b[2K${text.slice(0, width)}`);
        barShown = true;
      },
      end() { if (barShown) stream.write('\n'); barShown = false; },
    };
  }
  return {
    stage(label) { stageLabel = label; lastDecile = -1; stream.write(`${label}\n`); },
    update(done, total, label) {
      // a line per tenth of the work at most, so logs stay short for millions of rows
      const decile = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(`${stageLabel}: ${done}/${total}${label ? ` ${label}` : ''}\n`);
    },
    end() {},
  };
}
