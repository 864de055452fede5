// The De Vries family of SCENARIOS.md 1 at the counter: the phone request
// from their GP with the household of five, as the browser test and
// `make screens` (tools/screens.mjs) both type it into /aanmeldingen/nieuw.

export const DE_VRIES = [
	['Jan', 'de', 'Vries', '02-03-1971', 'ouder'],
	['Els', 'de', 'Vries', '14-06-1975', 'partner'],
	['Jeroen', 'de', 'Vries', '11-01-2007', 'kind'],
	['Wouter', 'de', 'Vries', '23-09-2010', 'kind'],
	['Roos', 'de', 'Vries', '05-05-2012', 'kind'],
];

// Fills the open new-aanmelding form; postcode as a person would type it.
export async function fillDeVries(page, postcode) {
	await page.locator('#kanaal_verwijzer').check();
	await page.locator('#verwijzer_soort').selectOption('huisarts');
	await page.locator('#verwijzer').fill('Huisartsenpraktijk De Wielewaal');
	await page.locator('#medium_telefoon').check();
	await page.locator('#vraag').fill('Els is op, Jan zit zonder werk en Wouter spijbelt. Het gezin weet niet meer waar te beginnen.');
	await page.locator('#urgentie_hoog').check();
	await page.locator('#straat').fill('Kerkstraat');
	await page.locator('#huisnummer').fill('12');
	await page.locator('#postcode').fill(postcode);
	await page.locator('#plaats').fill('Nijkerk');
	for (let i = 0; i < DE_VRIES.length; i++) {
		const [first, prefix, last, born, role] = DE_VRIES[i];
		const n = i + 1;
		await page.locator(`#p${n}_voornaam`).fill(first);
		await page.locator(`#p${n}_tussenvoegsel`).fill(prefix);
		await page.locator(`#p${n}_achternaam`).fill(last);
		await page.locator(`#p${n}_geboortedatum`).fill(born);
		await page.locator(`#p${n}_rol`).selectOption(role);
	}
}
