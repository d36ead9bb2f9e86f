// How apply shows what it does: a progress line redrawn in place on a terminal, JSON lines otherwise (CI logs
// are read by machines as often as by people).
import type { ApplyEvent } from './apply-manifests.js';

export function progressReporter(stream: NodeJS.WriteStream, organization: string): (event: ApplyEvent) => void {
  if (!stream.isTTY) return (event) => stream.write(`${JSON.stringify({ organization, ...event })}\n`);
  const width = 24;
  return (event) => {
    if (event.event === 'applied') {
      const filled = Math.round((event.index / event.total) * width);
      stream.write(
        `\r\u001b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${event.index}/${event.total} ${event.kind}/${event.name}`,
      );
      if (event.index === event.total) stream.write('\n');
    } else if (event.event === 'pruned') {
      stream.write(`pruned ${event.kind}/${event.name}\n`);
    } else if (event.event === 'recorded') {
      stream.write(`${organization}: recorded as last applied in ${event.folder}\n`);
    } else if (event.event === 'recorded-transitions') {
      stream.write(
        `${organization}: recorded the QBFT transitions of ${event.network} as rolled out in ${event.file}\n`,
      );
    } else {
      stream.write(
        `${organization}: ${event.applied} applied, ${event.pruned} pruned${event.dryRun ? ' (dry run: nothing changed)' : ''}\n`,
      );
    }
  };
}
