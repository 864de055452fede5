// Sturen op resultaat (issue 16) in the browser.  The teamleider puts the
// two demo providers side by side on /team/resultaten with the filter form
// (a bad period first: refused at the field, named in the summary, input
// kept), follows a count to the households behind it, and downloads the
// CSV; the beleidsmedewerker reads /beleid, the results and the quarterly
// report (printed without its form), finds no link to any household, and
// is refused every household page, the search, the team pages and the API.
// Every page on the way is checked with axe and HTML_CodeSniffer, and its
// layout at 1280, 390 and 320 px.
//
// Called from tests/browser/run.mjs with its helpers (h): check,
// newContext, signIn, submitAndWait, axeCheck, layoutProblems, server.

const A = 'Thuiszorg Gelderse Vallei';
const B = 'Jeugdhulp Veluwe Vallei';

async function layoutCheck(h, page, name) {
	await h.check(`${name}: layout at 1280, 390 and 320 px`, async () => {
		const r = await h.layoutProblems(page, { fresh: true });
		if (r.problems.length) return { detail: r.problems.join('; '), extra: (r.extra || []).slice(0, 8) };
	});
}

export async function sturenScenario(h, hhPath) {
	const lead = h.server.users.find((x) => x.rol === 'teamleider');
	const policy = h.server.users.find((x) => x.rol === 'beleidsmedewerker');
	if (!lead || !policy) {
		await h.check('sturen: demo users teamleider and beleidsmedewerker exist', async () => ({ detail: 'missing' }));
		return;
	}
	let context = await h.newContext();
	let page = await context.newPage();
	await h.signIn(page, lead.gebruikersnaam, lead.wachtwoord);
	await h.check('sturen: the teamleider reaches the results from the dashboard', async () => {
		await page.goto('/team');
		await h.submitAndWait(page, page.getByRole('link', { name: 'Resultaten per aanbieder en product' }));
		if (new URL(page.url()).pathname !== '/team/resultaten') return { detail: `landed on ${page.url()}` };
	});
	await h.check('sturen: a period of more than five years is refused at the field, the input kept', async () => {
		await page.fill('#van', '2019-01');
		await page.fill('#tot', '2025-12');
		await h.submitAndWait(page, page.getByRole('button', { name: 'Toon resultaten' }));
		const summary = await page.locator('#foutmeldingen').innerText().catch(() => '');
		const at = await page.locator('#van-fout').innerText().catch(() => '');
		if (!/Van maand: kies een periode van hoogstens 5 jaar/.test(summary)) return { detail: `summary: ${summary}` };
		if (!/hoogstens 5 jaar/.test(at)) return { detail: `at the field: ${at}` };
		if ((await page.inputValue('#van')) !== '2019-01') return { detail: 'the typed month is gone' };
	});
	await h.axeCheck(page, 'sturen: the results page with an error');
	await h.check(`sturen: ${A} and ${B} side by side`, async () => {
		await page.goto('/team/resultaten');
		await page.selectOption('#a', { label: A });
		await page.selectOption('#b', { label: B });
		await h.submitAndWait(page, page.getByRole('button', { name: 'Toon resultaten' }));
		const heading = await page.locator('h2', { hasText: 'naast' }).innerText().catch(() => '');
		if (heading !== `${A} naast ${B}`) return { detail: `heading "${heading}"` };
		const table = page.locator('table', { has: page.locator('caption', { hasText: 'beide naast elkaar' }) });
		const heads = await table.locator('thead th').allInnerTexts();
		if (heads.join('|') !== `Cijfer|${A}|${B}`) return { detail: `columns ${heads.join('|')}` };
		const rows = await table.locator('tbody tr').count();
		if (rows < 20) return { detail: `${rows} figures compared` };
		const inCare = await table.locator('tbody tr', { hasText: 'Cliënten in zorg' }).locator('td').allInnerTexts();
		if (inCare.length !== 2 || inCare.some((t) => !/^(\d+|–)$/.test(t))) return { detail: `in zorg: ${inCare.join(' | ')}` };
	});
	await h.axeCheck(page, 'sturen: results side by side');
	await layoutCheck(h, page, 'sturen: results side by side');
	await h.check('sturen: a count leads to the households behind it', async () => {
		const link = page.locator('main table a[href*="lijst=resultaat"]').first();
		if (!(await link.count())) return { detail: 'no count links to a list (no maatwerk in the demo period?)' };
		await h.submitAndWait(page, link);
		if (new URL(page.url()).pathname !== '/team/huishoudens') return { detail: `landed on ${page.url()}` };
		if (!(await page.locator('main table tbody tr').count())) return { detail: 'an empty list behind a count above 0' };
	});
	await h.axeCheck(page, 'sturen: the households behind a result');
	await context.close();

	context = await h.newContext();
	page = await context.newPage();
	await h.signIn(page, policy.gebruikersnaam, policy.wachtwoord);
	for (const [path, name] of [['/beleid', 'Sturingsinformatie'], ['/beleid/resultaten?groep=product', 'Resultaten per product'],
		['/beleid/kwartaal', 'Kwartaalrapportage']]) {
		await h.check(`sturen: the beleidsmedewerker reads ${path} without a link to a household`, async () => {
			const resp = await page.goto(path);
			if (!resp || resp.status() !== 200) return { detail: `status ${resp ? resp.status() : 0}` };
			const h1 = await page.locator('h1').innerText();
			if (!h1.startsWith(name)) return { detail: `h1 "${h1}"` };
			const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
			const bad = hrefs.filter((x) => /\/huishoudens|\/team|\/zoeken|\/aanmeldingen/.test(x));
			if (bad.length) return { detail: `links: ${bad.slice(0, 5).join(', ')}` };
			const text = await page.locator('main').innerText();
			if (/De Vries|Vries-Bos|Stationsweg/.test(text)) return { detail: 'a name or address on the page' };
		});
		await h.axeCheck(page, `sturen: ${path}`);
		await layoutCheck(h, page, `sturen: ${path}`);
	}
	await h.check('sturen: the quarterly report prints without its form', async () => {
		await page.goto('/beleid/kwartaal');
		await page.emulateMedia({ media: 'print' });
		const formShown = await page.locator('form[action="/beleid/kwartaal"]').isVisible();
		const tableShown = await page.locator('main table').isVisible();
		await page.emulateMedia({ media: 'screen' });
		if (formShown || !tableShown) return { detail: `form visible ${formShown}, table visible ${tableShown}` };
	});
	const closed = ['/team', '/team/resultaten', '/zoeken?q=vries', '/aanmeldingen'];
	if (hhPath) closed.unshift(hhPath, `/api/v1${hhPath}`);
	await h.check('sturen: the beleidsmedewerker cannot reach any household', async () => {
		for (const path of closed) {
			const resp = await page.goto(path);
			const status = resp ? resp.status() : 0;
			if (status !== 403) return { detail: `${path}: status ${status}` };
			if (/De Vries|Stationsweg/.test(await page.locator('body').innerText())) return { detail: `${path} shows a name` };
		}
	});
	await context.close();
}
