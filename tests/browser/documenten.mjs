// Documents (issue 15) in the browser, SCENARIOS.md 2: mevrouw De Vries and
// the scootmobiel.  The beheerder adds the product; a consulent of the
// intake team builds the goal, the rolgesprek with the gemeente's intended
// effect and justification, requests the scootmobiel for that goal and
// grants it; the beschikking's page proposes the motivation from the
// rolgesprek; vaststellen with the motivation emptied is refused with the
// field named in the error summary; then vastgesteld, downloaded, and
// checked with pdfinfo (Tagged: yes) and pdftotext (the intended effect
// before the justification before the bezwaarclausule).  An upload of a
// real PDF is listed on the household page; an executable renamed to .pdf
// is refused at the field.  Every page on the way is checked with axe and
// HTML_CodeSniffer, and its layout at 1280, 390 and 320 px.
//
// Called from tests/browser/run.mjs with its helpers (h): check,
// newContext, signIn, submitAndWait, axeCheck, layoutProblems, server,
// isoDate, dir.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const EFFECT = 'Mevrouw doet weer zelf haar dagelijkse boodschappen en fietst weer mee met haar man.';
const WHY = 'Haar man kan haar niet duwen en de buren werken overdag; de regiotaxi geeft niet hetzelfde effect.';

async function layoutCheck(h, page, name, fresh = true) {
	await h.check(`${name}: layout at 1280, 390 and 320 px`, async () => {
		const r = await h.layoutProblems(page, { fresh });
		if (r.problems.length) return { detail: r.problems.join('; '), extra: (r.extra || []).slice(0, 8) };
	});
}

function pdfTool(h, tool, bytes) {
	const file = path.join(h.dir, `document-${Date.now()}.pdf`);
	fs.writeFileSync(file, bytes);
	return execFileSync(tool, tool === 'pdftotext' ? [file, '-'] : [file], { encoding: 'utf8' });
}

export async function documentScenario(h) {
	const beheerder = h.server.users.find((x) => x.rol === 'beheerder');
	const consulent = h.server.users.find((x) => x.gebruikersnaam === 'consulent');
	if (!beheerder || !consulent) {
		await h.check('documents: demo users', async () => ({ detail: 'no beheerder or consulent printed' }));
		return;
	}
	const bctx = await h.newContext();
	const bpage = await bctx.newPage();
	await h.signIn(bpage, beheerder.gebruikersnaam, beheerder.wachtwoord);
	await h.check('documents: the beheerder adds the product Scootmobiel (Wmo)', async () => {
		await bpage.goto('/beheer/producten/nieuw');
		await bpage.locator('#categorie').fill('12');
		await bpage.locator('#code').fill('12SCO');
		await bpage.locator('#naam').fill('Scootmobiel');
		await bpage.locator('#wettelijke_grondslag').selectOption('wmo2015');
		await h.submitAndWait(bpage, bpage.getByRole('button', { name: 'Opslaan', exact: true }));
		if (!(await bpage.locator('main').innerText()).includes('Scootmobiel'))
			return { detail: 'the product is not listed', extra: [(await bpage.locator('main').innerText()).slice(0, 300)] };
	});
	await bctx.close();

	const context = await h.newContext();
	const page = await context.newPage();
	await h.signIn(page, consulent.gebruikersnaam, consulent.wachtwoord);
	let hhPath = null, goalPath = null, vPath = null;
	await h.check('documents: mevrouw De Vries\'s household is in the queue', async () => {
		await page.goto('/aanmeldingen');
		const link = page.locator('a[href^="/huishoudens/"]', { hasText: 'Vetkampstraat' }).first();
		if (!(await link.count())) return { detail: 'no link to Vetkampstraat 41 in the queue' };
		hhPath = await link.getAttribute('href');
	});
	if (!hhPath) return;
	await h.check('documents: a goal with the gemeente\'s intended effect and justification', async () => {
		await page.goto(`${hhPath}/plan`);
		const start = page.getByRole('button', { name: 'Plan starten', exact: true });
		if (await start.count()) await h.submitAndWait(page, start);
		await h.submitAndWait(page, page.getByRole('link', { name: /^(Doel toevoegen|Voeg het eerste doel toe)$/ }).first());
		await page.locator('#leefgebied').selectOption('maatschappelijke_participatie');
		const grietje = page.locator('#persoon option', { hasText: 'Grietje' }).first();
		await page.locator('#persoon').selectOption(await grietje.getAttribute('value'));
		await page.locator('#wens').fill('Ik wil weer zelf boodschappen doen en met mijn man naar buiten.');
		await page.locator('#streefdatum').fill(h.isoDate(120));
		await h.submitAndWait(page, page.getByRole('button', { name: 'Doel opslaan en rolgesprek voeren', exact: true }));
		goalPath = new URL(page.url()).pathname;
		if (!/\/doelen\/\d+\/rolgesprek$/.test(goalPath)) return { detail: `landed on ${goalPath}` };
		await page.locator('#inwoner-bijdrage').fill('Mevrouw oefent met de rollator.');
		await page.locator('#gemeente-bijdrage').fill('Een scootmobiel in bruikleen.');
		await page.locator('#gemeente-beoogd_effect').fill(EFFECT);
		await page.locator('#gemeente-onderbouwing').fill(WHY);
		await h.submitAndWait(page, page.getByRole('button', { name: 'Rolgesprek opslaan', exact: true }));
		if (!(await page.locator('main').innerText()).includes('Het rolgesprek is opgeslagen.'))
			return { detail: 'the rolgesprek was not saved' };
	});
	await h.check('documents: the scootmobiel is requested for that goal and granted', async () => {
		await page.goto(`${hhPath}/voorzieningen/nieuw`);
		await page.locator('#soort_maatwerk').check();
		const product = page.locator('#product option', { hasText: 'Scootmobiel' }).first();
		if (!(await product.count())) return { detail: 'Scootmobiel is not offered' };
		await page.locator('#product').selectOption(await product.getAttribute('value'));
		const grietje = page.locator('#persoon option', { hasText: 'Grietje' }).first();
		await page.locator('#persoon').selectOption(await grietje.getAttribute('value'));
		await page.locator('#doel input[type="checkbox"]').first().check();
		await page.locator('#wettelijke_grondslag').selectOption('wmo2015');
		await page.locator('#aanbieder').selectOption({ index: 1 });
		await page.locator('#volume').fill('1');
		await page.locator('#eenheid').selectOption('stuks');
		await page.locator('#frequentie').selectOption('totaal');
		await page.locator('#ingangsdatum').fill(h.isoDate(0));
		await page.locator('#einddatum').fill(h.isoDate(365 * 5));
		await page.locator('#kosten').fill('2.500,00');
		await h.submitAndWait(page, page.getByRole('button', { name: 'Voorziening opslaan', exact: true }));
		vPath = new URL(page.url()).pathname;
		if (!/^\/voorzieningen\/\d+$/.test(vPath)) {
			const errors = await page.locator('.utrecht-form-field-error-message').allInnerTexts();
			return { detail: `landed on ${vPath}`, extra: errors.slice(0, 6) };
		}
		await page.locator('#actie_toekennen').check();
		await page.locator('#besluitdatum').fill(h.isoDate(0));
		await h.submitAndWait(page, page.getByRole('button', { name: 'Status opslaan', exact: true }));
		if (!/toegekend/i.test(await page.locator('main').innerText())) return { detail: 'not granted' };
	});
	if (!vPath) return;
	let pdf = null;
	await h.check('documents: the beschikking proposes the motivation from the rolgesprek, effect first', async () => {
		await h.submitAndWait(page, page.getByRole('link', { name: /^Beschikking/ }).first());
		const motivation = await page.locator('#motivatie').inputValue();
		if (!motivation.includes(EFFECT) || !motivation.includes(WHY) || motivation.indexOf(EFFECT) > motivation.indexOf(WHY))
			return { detail: 'the proposed motivation does not start from the intended effect', extra: [motivation] };
		const preview = await page.locator('article.loket-brief').innerText();
		if (!preview.includes('Bent u het niet eens met dit besluit?')) return { detail: 'no bezwaarclausule in the preview' };
	});
	await h.axeCheck(page, 'beschikking page');
	await layoutCheck(h, page, 'beschikking page');
	await h.check('documents: vaststellen without motivation is refused, the summary naming the field', async () => {
		await page.locator('#motivatie').fill('');
		await page.locator('#afsluiting').fill('Ik bel u volgende week.');
		await h.submitAndWait(page, page.getByRole('button', { name: 'Vaststellen', exact: true }));
		const summary = await page.locator('#foutmeldingen').innerText().catch(() => '');
		if (!summary.includes('Motivering:')) return { detail: 'the error summary does not name Motivering', extra: [summary] };
		if (await page.locator('#afsluiting').inputValue() !== 'Ik bel u volgende week.') return { detail: 'the closing typed was lost' };
	});
	await h.axeCheck(page, 'beschikking refused');
	await h.check('documents: vastgesteld, downloaded: a tagged PDF whose text starts from the intended effect', async () => {
		await page.locator('#motivatie').fill(`${EFFECT}\n\n${WHY}`);
		await h.submitAndWait(page, page.getByRole('button', { name: 'Vaststellen', exact: true }));
		const link = page.locator('#versies a[href^="/documenten/"]').first();
		if (!(await link.count())) return { detail: 'no vastgestelde version listed', extra: [(await page.locator('main').innerText()).slice(0, 400)] };
		// Clicking the link downloads the file (Content-Disposition: attachment).
		const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
		if (!/^beschikking-\d+\.pdf$/.test(dl.suggestedFilename())) return { detail: `downloaded as ${dl.suggestedFilename()}` };
		pdf = fs.readFileSync(await dl.path());
		if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return { detail: 'the download is no PDF' };
		const info = pdfTool(h, 'pdfinfo', pdf);
		if (!/^Tagged:\s+yes$/m.test(info)) return { detail: 'pdfinfo does not say Tagged: yes', extra: info.split('\n').slice(0, 12) };
		const text = pdfTool(h, 'pdftotext', pdf);
		const e = text.indexOf('Mevrouw doet weer zelf'), w = text.indexOf('Haar man kan haar niet duwen');
		const b = text.indexOf('Bent u het niet eens met dit besluit?');
		if (e < 0 || w < e || b < w) return { detail: `reading order: effect ${e}, justification ${w}, bezwaar ${b}` };
	});
	await h.check('documents: the household page lists the beschikking', async () => {
		await page.goto(`${hhPath}#documenten`);
		const section = await page.locator('#documenten').innerText();
		if (!section.includes('Beschikking Scootmobiel') || !section.includes(consulent.naam))
			return { detail: 'not listed with its author', extra: [section.slice(0, 300)] };
	});
	await layoutCheck(h, page, 'household page with documents');
	await h.check('documents: an upload of a PDF is kept and listed', async () => {
		await page.goto(`${hhPath}/documenten/nieuw`);
		await page.locator('#bestand').setInputFiles({ name: 'brief-huisarts.pdf', mimeType: 'application/pdf', buffer: pdf || Buffer.from('') });
		await page.locator('#titel').fill('Brief van de huisarts over lopen');
		await h.submitAndWait(page, page.getByRole('button', { name: 'Bijlage toevoegen', exact: true }));
		const section = await page.locator('#documenten').innerText().catch(() => '');
		if (!section.includes('Brief van de huisarts over lopen')) return { detail: 'the upload is not listed', extra: [section.slice(0, 300)] };
	});
	await h.check('documents: an executable renamed to .pdf is refused at the field', async () => {
		await page.goto(`${hhPath}/documenten/nieuw`);
		await page.locator('#bestand').setInputFiles({ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync('/bin/true') });
		await page.locator('#titel').fill('Rapport');
		await h.submitAndWait(page, page.getByRole('button', { name: 'Bijlage toevoegen', exact: true }));
		const error = await page.locator('#bestand-fout').innerText().catch(() => '');
		const summary = await page.locator('#foutmeldingen').innerText().catch(() => '');
		if (!error.includes('Dit soort bestand kan niet worden bewaard') || !summary.includes('Bestand:'))
			return { detail: 'not refused at the field and in the summary', extra: [error, summary] };
		if (await page.locator('#titel').inputValue() !== 'Rapport') return { detail: 'the description typed was lost' };
	});
	await h.axeCheck(page, 'upload refused');
	await layoutCheck(h, page, 'upload refused', false);
	await context.close();
}

// SCENARIOS.md 1: the De Vries family's plan for the resident, after the
// plan scenario of run.mjs has vastgesteld the plan (goals, a maatwerk
// voorziening, who agreed).  The regisseur opens the letter, vaststelt it
// and downloads it: a tagged PDF with the goals in the family's words, the
// voorziening with its provider and the regisseur's name and contact.
export async function planDocumentStep(h, page, hhPath, regisseur, wish) {
	await h.check('plan for the resident: the regisseur vaststelt it as a letter', async () => {
		await page.goto(`${hhPath}/plan-voor-inwoner`);
		const preview = await page.locator('article.loket-brief').innerText();
		if (!preview.includes(wish) || !preview.includes(regisseur.naam))
			return { detail: 'the preview lacks the goal or the regisseur', extra: [preview.slice(0, 400)] };
		await h.submitAndWait(page, page.getByRole('button', { name: 'Vaststellen', exact: true }));
		const link = page.locator('#versies a[href^="/documenten/"]').first();
		if (!(await link.count())) return { detail: 'not vastgesteld', extra: [(await page.locator('main').innerText()).slice(0, 400)] };
		const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
		const pdf = fs.readFileSync(await dl.path());
		const info = pdfTool(h, 'pdfinfo', pdf);
		if (!/^Tagged:\s+yes$/m.test(info)) return { detail: 'pdfinfo does not say Tagged: yes' };
		const text = pdfTool(h, 'pdftotext', pdf).replace(/\s+/g, ' ');
		for (const want of [wish.slice(0, 30), regisseur.naam, 'Begeleiding', 'Wmo', 'Telefoon 14 033', 'Akkoord gegeven door'])
			if (!text.includes(want)) return { detail: `the PDF lacks "${want}"`, extra: [text.slice(0, 600)] };
	});
	await h.axeCheck(page, 'plan for the resident');
}
