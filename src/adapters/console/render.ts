import type { Answer } from '../../core/answer.js';
import { formatDate } from '../../core/dates.js';

/** Plain-text rendering for the terminal and `npm run ask`. */
export function renderText(answer: Answer, commandPrefix = '/'): string {
  const out: string[] = [];
  if (answer.title) out.push(answer.title, '');
  out.push(answer.text);
  if (answer.citations.length) {
    out.push('', 'Sources:');
    for (const c of answer.citations)
      out.push(
        `[${c.n}] "${c.title}", ${c.publishers.join(', ')}, ${formatDate(c.date)}, section "${c.section}"`,
      );
  }
  if (answer.kind === 'abstain' && answer.suggestions.length)
    out.push('', `Try: ${answer.suggestions.map((s) => `${commandPrefix}topic ${s.topic}`).join(' · ')}`);
  if (answer.kind === 'answer') out.push('', `Knowledge as of ${formatDate(answer.asOf)}.`);
  return out.join('\n');
}
