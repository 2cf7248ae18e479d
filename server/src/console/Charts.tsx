/** Hand-made SVG charts: small, dependency-free and readable at a glance. */

export function BarChart({
  data,
  label,
  color = '#4f46e5',
}: {
  data: Array<{ x: string; y: number }>;
  label: string;
  color?: string;
}) {
  const w = 520;
  const h = 160;
  const max = Math.max(1, ...data.map((d) => d.y));
  const bw = data.length ? (w - 40) / data.length : 0;
  return (
    <svg viewBox={`0 0 ${w} ${h + 30}`} role="img" aria-label={label} class="chart">
      <line x1="30" y1={h} x2={w} y2={h} stroke="#9ca3af" />
      <text x="0" y="12" class="axis">
        {max}
      </text>
      <text x="0" y={h} class="axis">
        0
      </text>
      {data.map((d, i) => {
        const bh = (d.y / max) * (h - 10);
        return (
          <g key={d.x}>
            <rect x={30 + i * bw + 2} y={h - bh} width={Math.max(1, bw - 4)} height={bh} fill={color}>
              <title>{`${d.x}: ${d.y}`}</title>
            </rect>
            {(data.length <= 14 || i % Math.ceil(data.length / 14) === 0) && (
              <text x={30 + i * bw + bw / 2} y={h + 16} text-anchor="middle" class="axis">
                {d.x.slice(5)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

export function Gauge({ value, label }: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(1, value));
  const r = 40;
  const c = 2 * Math.PI * r;
  return (
    <svg viewBox="0 0 100 100" role="img" aria-label={`${label}: ${Math.round(pct * 100)}%`} class="gauge">
      <circle cx="50" cy="50" r={r} fill="none" stroke="#e5e7eb" stroke-width="12" />
      <circle
        cx="50"
        cy="50"
        r={r}
        fill="none"
        stroke="#4f46e5"
        stroke-width="12"
        stroke-dasharray={`${pct * c} ${c}`}
        transform="rotate(-90 50 50)"
      />
      <text x="50" y="56" text-anchor="middle" class="gauge-text">
        {Math.round(pct * 100)}%
      </text>
    </svg>
  );
}
