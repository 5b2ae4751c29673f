// The three time series (rooms, peers, bitrate) with Chart.js: registered pieces only, no animation
// (a point a second), colours of the dark theme.
import
{
	Chart, LineController, LineElement, PointElement, LinearScale, Filler, Tooltip, Legend
} from 'chart.js';
import { clock } from './format.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip, Legend);

const GRID = 'rgba(139, 151, 176, 0.12)';
const TICKS = '#8b97b0';

function lineChart(canvas, datasets, { yFormat = (v) => v, legend = false } = {})
{
	return new Chart(canvas, {
		type    : 'line',
		data    : { datasets: datasets.map((d) => ({
			label           : d.label,
			data            : [],
			borderColor     : d.color,
			backgroundColor : `${d.color}26`,
			fill            : d.fill ?? true,
			borderWidth     : 2,
			pointRadius     : 0,
			tension         : 0.25
		})) },
		options : {
			animation           : false,
			responsive          : true,
			maintainAspectRatio : false,
			parsing             : false,
			normalized          : true,
			interaction         : { mode: 'index', intersect: false },
			plugins             : {
				legend  : { display: legend, position: 'top', align: 'end', labels: { color: TICKS, boxWidth: 10, boxHeight: 10 } },
				tooltip : { callbacks: {
					title : (items) => (items.length ? clock(items[0].parsed.x) : ''),
					label : (item) => `${item.dataset.label}: ${yFormat(item.parsed.y)}`
				} }
			},
			scales : {
				x : { type: 'linear', grid: { color: GRID }, ticks: { color: TICKS, maxTicksLimit: 6, callback: (v) => clock(v) } },
				y : { beginAtZero: true, grid: { color: GRID }, ticks: { color: TICKS, maxTicksLimit: 5, precision: 0, callback: (v) => yFormat(v) } }
			}
		}
	});
}

export class Charts
{
	constructor()
	{
		this.rooms = lineChart(document.getElementById('chart-rooms'), [ { label: 'Rooms', color: '#6366f1' } ]);
		this.peers = lineChart(document.getElementById('chart-peers'), [ { label: 'Peers', color: '#22d3ee' } ]);
		this.bitrate = lineChart(document.getElementById('chart-bitrate'), [
			{ label: 'Push', color: '#a78bfa' },
			{ label: 'Pull', color: '#34d399', fill: false }
		], { legend: true, yFormat: (v) => `${Math.round(v * 10) / 10}` });
	}

	/** @param series [{t, rooms, peers, bitrateIn, bitrateOut}] oldest first; bitrates in bits/s */
	update(series, windowStart, now)
	{
		const points = (key, scale = 1) => series.map((p) => ({ x: p.t, y: p[key] / scale }));
		this.rooms.data.datasets[0].data = points('rooms');
		this.peers.data.datasets[0].data = points('peers');
		this.bitrate.data.datasets[0].data = points('bitrateIn', 1e6);
		this.bitrate.data.datasets[1].data = points('bitrateOut', 1e6);
		for (const chart of [ this.rooms, this.peers, this.bitrate ])
		{
			chart.options.scales.x.min = windowStart;
			chart.options.scales.x.max = now;
			chart.update('none');
		}
	}
}
