// Formatting and small helpers shared by the views.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML (element content and attribute values). */
export function esc(value)
{
	return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Bits per second, as people read them: 0 b/s, 320 kb/s, 4.2 Mb/s, 1.1 Gb/s. */
export function bitrate(bps)
{
	const value = Number(bps) || 0;
	if (value >= 1e9) return `${(value / 1e9).toFixed(2)} Gb/s`;
	if (value >= 1e6) return `${(value / 1e6).toFixed(value >= 1e7 ? 0 : 1)} Mb/s`;
	if (value >= 1e3) return `${Math.round(value / 1e3)} kb/s`;
	return `${Math.round(value)} b/s`;
}

/** A bitrate as HTML with its unit set small: for big figures. */
export function bitrateHtml(bps)
{
	const [ number, unit ] = bitrate(bps).split(' ');
	return `${number}<small> ${unit}</small>`;
}

/** Bytes per second: 0 B/s, 12 kB/s, 3.4 MB/s. */
export function byteRate(bytesPerSecond)
{
	const value = Number(bytesPerSecond) || 0;
	if (value >= 1e9) return `${(value / 1e9).toFixed(2)} GB/s`;
	if (value >= 1e6) return `${(value / 1e6).toFixed(1)} MB/s`;
	if (value >= 1e3) return `${Math.round(value / 1e3)} kB/s`;
	return `${Math.round(value)} B/s`;
}

export function bytes(value)
{
	const v = Number(value) || 0;
	if (v >= 1 << 30) return `${(v / (1 << 30)).toFixed(1)} GiB`;
	if (v >= 1 << 20) return `${Math.round(v / (1 << 20))} MiB`;
	return `${Math.round(v / 1024)} KiB`;
}

/** A ratio 0..1 as a whole percentage. */
export function pct(ratio)
{
	return `${Math.round((Number(ratio) || 0) * 100)}%`;
}

export function count(n)
{
	return (Number(n) || 0).toLocaleString('en-US');
}

/** "3 min", "2 h 5 min", "just now" since an ISO time. */
export function since(iso, now = Date.now())
{
	const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
	if (seconds < 45) return 'just now';
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	return `${hours} h ${minutes % 60} min`;
}

export function clock(ms)
{
	const d = new Date(ms);
	return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Whether region path `path` lies within `ancestor` ('' contains everything). */
export function within(path, ancestor)
{
	if (!ancestor) return true;
	return path === ancestor || (path || '').startsWith(`${ancestor}/`);
}

/** Every prefix of every path: 'asia/cn/east' gives 'asia', 'asia/cn', 'asia/cn/east'. */
export function regionPrefixes(paths)
{
	const out = new Set();
	for (const path of paths)
	{
		const parts = (path || '').split('/').filter(Boolean);
		for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('/'));
	}
	return [ ...out ].sort();
}
