/* foutmelding.js - the error summary at the top of a form that came back
 * with errors (issue 13 item 7).  Without JavaScript each link already
 * leads to its field.  With it: the summary gets focus when the page
 * opens, so a screen reader starts there, and a link moves focus to the
 * field itself (the first one of a group) while scrolling its label or
 * legend into view, not just the input. */
(function () {
	'use strict';
	var box = document.getElementById('foutmeldingen');
	if (!box)
		return;
	box.setAttribute('tabindex', '-1');
	box.focus();
	box.addEventListener('click', function (e) {
		var a = e.target.closest ? e.target.closest('a[href^="#"]') : null;
		if (!a)
			return;
		var target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
		if (!target)
			return;
		var field = /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)
			? target : target.querySelector('input, select, textarea');
		var group = target.closest('fieldset');
		var label = field && field.id ? document.querySelector('label[for="' + field.id + '"]') : null;
		var shown = (group && group.querySelector('legend')) || label || target;
		e.preventDefault();
		shown.scrollIntoView({ block: 'start' });
		if (field)
			field.focus({ preventScroll: true });
	});
})();
