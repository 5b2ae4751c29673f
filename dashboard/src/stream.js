// The live feed: server-sent events from /api/cluster/stream, read with fetch() so the admin token
// travels in the Authorization header (EventSource cannot set headers, and a token in a URL ends up
// in logs). Reconnects by itself; a stream silent for longer than `staleMs` counts as dead.

export class AuthError extends Error
{
	constructor(status, body)
	{
		super((body && body.error) || `HTTP ${status}`);
		this.status = status;
		this.body = body;
	}
}

export function openStream({ url, token, onEvent, onState, staleMs = 5000 })
{
	let stopped = false;
	let controller = null;
	let retryMs = 500;
	let watchdog = null;

	const kick = () =>
	{
		clearTimeout(watchdog);
		watchdog = setTimeout(() => controller && controller.abort(), staleMs);
	};

	async function once()
	{
		controller = new AbortController();
		const headers = token ? { Authorization: `Bearer ${token}` } : {};
		const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
		if (response.status === 401 || response.status === 403)
		{
			let body = null;
			try { body = await response.json(); }
			catch (error) { /* not JSON */ }
			throw new AuthError(response.status, body);
		}
		if (!response.ok || !response.body)
			throw new Error(`HTTP ${response.status}`);
		onState('live');
		retryMs = 500;
		kick();
		const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
		let buffer = '';
		for (;;)
		{
			const { value, done } = await reader.read();
			if (done) return;
			kick();
			buffer += value;
			let end;
			while ((end = buffer.indexOf('\n\n')) >= 0)
			{
				const raw = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				let type = 'message';
				let data = '';
				for (const line of raw.split('\n'))
				{
					if (line.startsWith('event:')) type = line.slice(6).trim();
					else if (line.startsWith('data:')) data += line.slice(5).trimStart();
				}
				if (data) onEvent(type, JSON.parse(data));
			}
		}
	}

	(async () =>
	{
		while (!stopped)
		{
			try
			{
				await once();
			}
			catch (error)
			{
				if (error instanceof AuthError)
				{
					stopped = true;
					onState('auth', error);
					break;
				}
			}
			clearTimeout(watchdog);
			if (stopped) break;
			onState('down');
			await new Promise((resolve) => setTimeout(resolve, retryMs));
			retryMs = Math.min(retryMs * 2, 5000);
		}
	})();

	return {
		close()
		{
			stopped = true;
			clearTimeout(watchdog);
			if (controller) controller.abort();
		}
	};
}
