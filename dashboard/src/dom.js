// Minimal keyed DOM updates: the dashboard changes every second, and replacing whole sections would
// reset hover states, selections and half-done clicks. Elements are kept per key; a part's HTML is
// written only when it changed.

const written = new WeakMap();

/** Forgets what was written into `el` (its content was replaced by other means). */
export function forget(el)
{
	written.delete(el);
}

/** Sets `el.innerHTML` unless it already holds exactly this HTML. */
export function setHtml(el, html)
{
	if (written.get(el) === html) return;
	written.set(el, html);
	el.innerHTML = html;
}

/**
 * Makes `container` hold one child per item, in order, keyed by `key(item)`: `create(key)` builds a
 * new child, `update(child, item)` refreshes it. Children of vanished keys are removed.
 */
export function keyedList(container, items, key, create, update)
{
	forget(container);
	const existing = new Map();
	for (const child of [ ...container.children ])
	{
		if (child.dataset.key !== undefined) existing.set(child.dataset.key, child);
		else child.remove();
	}
	let previous = null;
	for (const item of items)
	{
		const k = String(key(item));
		let child = existing.get(k);
		if (child) existing.delete(k);
		else
		{
			child = create(k, item);
			child.dataset.key = k;
		}
		update(child, item);
		const expectedPosition = previous ? previous.nextSibling : container.firstChild;
		if (child !== expectedPosition) container.insertBefore(child, expectedPosition);
		previous = child;
	}
	for (const child of existing.values()) child.remove();
}

/**
 * A table whose rows are keyed and whose cells update one by one.
 * columns: [{ title, className, label, cell(item) → html }]
 */
export function keyedTable(container, { columns, rows, key, empty, className = '' })
{
	let table = container.querySelector('table');
	if (!table)
	{
		container.innerHTML = '';
		table = document.createElement('table');
		table.className = className;
		table.innerHTML = `<thead><tr>${columns.map((c) => `<th class="${c.className || ''}">${c.title}</th>`).join('')}</tr></thead><tbody></tbody>`;
		container.appendChild(table);
		const note = document.createElement('div');
		note.className = 'empty';
		container.appendChild(note);
	}
	const note = container.querySelector('.empty');
	note.hidden = rows.length > 0;
	setHtml(note, empty);
	table.hidden = rows.length === 0;
	keyedList(table.tBodies[0], rows, key, () =>
	{
		const tr = document.createElement('tr');
		for (const column of columns)
		{
			const td = document.createElement('td');
			td.className = column.className || '';
			if (column.label) td.dataset.label = column.label;
			tr.appendChild(td);
		}
		return tr;
	}, (tr, item) =>
	{
		columns.forEach((column, i) => setHtml(tr.children[i], column.cell(item)));
	});
}
