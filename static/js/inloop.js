/* inloop.js - nothing typed at a spreekuur is lost to a dropped connection.
 *
 * On every submit of the walk-in form its fields (naam, vraag, contact,
 * toestemming_vervolg, datum, huishouden: nothing else, never the search
 * box) are kept in this tab's sessionStorage under loket.inloop.<spreekuur>.
 * When the server confirms a registration (the page carries
 * data-inloop-vastgelegd) they are removed.  When the page loads while an
 * unsent walk-in is kept and the form does not already show it, a button
 * offers to put it back.  Kept values expire after 12 hours and go when the
 * tab is closed.  Without JavaScript the page works as before
 * (docs/security.md, "Stored in the browser"). */
(function () {
	'use strict';
	var form = document.getElementById('inloop-formulier');
	var store;
	try {
		store = window.sessionStorage;
	} catch (e) {
		return;
	}
	if (!form || !store)
		return;
	var key = 'loket.inloop.' + form.getAttribute('data-inloop');
	var FIELDS = ['naam', 'vraag', 'contact', 'toestemming_vervolg', 'datum', 'huishouden'];
	var TYPED = ['naam', 'vraag', 'contact', 'toestemming_vervolg'];
	var MAX_AGE = 12 * 3600 * 1000;

	function clear() {
		try { store.removeItem(key); } catch (e) { /* storage refused: nothing kept */ }
	}
	function read() {
		try {
			var s = JSON.parse(store.getItem(key));
			return s && s.v && typeof s.t === 'number' && Date.now() - s.t < MAX_AGE ? s : null;
		} catch (e) {
			return null;
		}
	}
	function field(name) {
		var el = form.elements.namedItem(name);
		return el && el.tagName ? el : null;
	}
	function current() {
		var v = {};
		FIELDS.forEach(function (n) {
			var el = field(n);
			if (el)
				v[n] = el.type === 'checkbox' ? el.checked : el.value;
		});
		return v;
	}

	if (document.querySelector('[data-inloop-vastgelegd]'))
		clear();

	form.addEventListener('submit', function () {
		var v = current();
		if (!v.naam && !v.vraag && !v.contact)
			return;
		try { store.setItem(key, JSON.stringify({ t: Date.now(), v: v })); } catch (e) { /* full or refused */ }
	});

	var saved = read();
	if (!saved) {
		clear();
		return;
	}
	var now = current();
	var shown = TYPED.every(function (n) { return now[n] === undefined || now[n] === saved.v[n]; });
	if (shown)
		return;

	function restore() {
		FIELDS.forEach(function (n) {
			if (saved.v[n] === undefined)
				return;
			var el = field(n);
			if (!el && n === 'huishouden' && saved.v[n]) {
				el = document.createElement('input');
				el.type = 'hidden';
				el.name = 'huishouden';
				form.appendChild(el);
			}
			if (!el)
				return;
			if (el.type === 'checkbox')
				el.checked = !!saved.v[n];
			else
				el.value = saved.v[n];
		});
	}

	var box = document.getElementById('inloop-bewaard');
	if (!box)
		return;
	box.className = 'utrecht-alert utrecht-alert--warning loket-alert';
	box.setAttribute('role', 'status');
	var content = document.createElement('div');
	content.className = 'utrecht-alert__content';
	var p = document.createElement('p');
	p.className = 'utrecht-alert__message utrecht-paragraph';
	var what = saved.v.vraag ? ' (vraag: "' + String(saved.v.vraag).slice(0, 80) + '")' : '';
	p.textContent = 'Er is een bezoek ingevuld dat nog niet is vastgelegd' + what +
		'. Misschien viel de verbinding weg. Zet het terug in het formulier en kies dan "Bezoek vastleggen".';
	var group = document.createElement('div');
	group.className = 'utrecht-button-group';
	var put = document.createElement('button');
	put.type = 'button';
	put.id = 'inloop-terugzetten';
	put.className = 'utrecht-button utrecht-button--primary-action';
	put.textContent = 'Terugzetten in het formulier';
	var drop = document.createElement('button');
	drop.type = 'button';
	drop.className = 'utrecht-button utrecht-button--secondary-action';
	drop.textContent = 'Weggooien';
	put.addEventListener('click', function () {
		restore();
		box.hidden = true;
		var vraag = field('vraag');
		if (vraag)
			vraag.focus();
	});
	drop.addEventListener('click', function () {
		clear();
		box.hidden = true;
	});
	group.appendChild(put);
	group.appendChild(drop);
	content.appendChild(p);
	content.appendChild(group);
	box.appendChild(content);
	box.hidden = false;
}());
