/**
 * Charts drawn on the server as inline SVG (no chart library, no CDN): horizontal bars and a two-series line
 * chart. Each has a title and a data table beside it for screen readers (`role="img"` + `aria-label`).
 */
import { esc } from './html';

export interface Bar {
  label: string;
  value: number;
}

export function barChart(title: string, bars: readonly Bar[], testid: string): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 22;
  const h = Math.max(rowH, bars.length * rowH);
  const rows = bars
    .map((b, i) => {
      const w = Math.round((b.value / max) * 220);
      const y = i * rowH;
      return `<text x="0" y="${y + 15}" class="lbl">${esc(b.label)}</text><rect x="130" y="${y + 4}" width="${w}" height="14" class="bar"></rect><text x="${136 + w}" y="${y + 15}" class="val">${b.value}</text>`;
    })
    .join('');
  return `<figure class="chart" data-testid="${testid}"><figcaption>${esc(title)}</figcaption>
<svg viewBox="0 0 400 ${h}" role="img" aria-label="${esc(title)}" preserveAspectRatio="xMinYMin meet">${rows}</svg>
<table class="sr-only"><tbody>${bars.map((b) => `<tr><th scope="row">${esc(b.label)}</th><td data-label="${esc(b.label)}">${b.value}</td></tr>`).join('')}</tbody></table>
</figure>`;
}

export function lineChart(title: string, days: ReadonlyArray<{ day: string; a: number; b: number }>, names: [string, string], testid: string): string {
  const w = 400;
  const h = 140;
  const max = Math.max(1, ...days.map((d) => Math.max(d.a, d.b)));
  const x = (i: number) => (days.length <= 1 ? 0 : Math.round((i / (days.length - 1)) * (w - 20)) + 10);
  const y = (v: number) => Math.round(h - 20 - (v / max) * (h - 30));
  const path = (pick: (d: { a: number; b: number }) => number) => days.map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(pick(d))}`).join(' ');
  return `<figure class="chart" data-testid="${testid}"><figcaption>${esc(title)} <span class="key a">— ${esc(names[0])}</span> <span class="key b">— ${esc(names[1])}</span></figcaption>
<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}"><line x1="10" y1="${h - 20}" x2="${w - 10}" y2="${h - 20}" class="axis"></line>
<path d="${path((d) => d.a)}" class="line a"></path><path d="${path((d) => d.b)}" class="line b"></path>
<text x="10" y="${h - 5}" class="lbl">${esc(days[0]?.day ?? '')}</text><text x="${w - 80}" y="${h - 5}" class="lbl">${esc(days[days.length - 1]?.day ?? '')}</text><text x="10" y="12" class="lbl">${max}</text></svg>
<table class="sr-only"><tbody>${days.map((d) => `<tr><th scope="row">${esc(d.day)}</th><td>${d.a}</td><td>${d.b}</td></tr>`).join('')}</tbody></table>
</figure>`;
}
