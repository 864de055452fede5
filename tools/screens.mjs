// Screenshots of the main screens for a person to look at (issue 13):
// starts the server with the demo data on a free port, registers the De
// Vries household at the counter (as the README's walk-through does),
// holds its intake, and writes PNGs of the household page, the
// aanmeldingen queue, the intake form and Mijn werk at 1280 and 390 px to
// build/screens/.
//
//   node tools/screens.mjs             (or: make screens) whole pages
//   node tools/screens.mjs --viewport  only what fits on one screen (the
//                                      small pictures in docs/screens/)
//
// LOKET_BIN overrides the server (default build/loket, else build/san/loket);
// LOKET_CHROMIUM the browser (default /usr/bin/chromium).  Downloads nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { fillDeVries } from '../tests/browser/de-vries.mjs';

const BIN = process.env.LOKET_BIN || (fs.existsSync('build/loket') ? 'build/loket' : 'build/san/loket');
const CHROMIUM = process.env.LOKET_CHROMIUM || '/usr/bin/chromium';
const OUT = process.env.LOKET_SCREENS || 'build/screens';
const WIDTHS = [1280, 390];
const FULL_PAGE = !process.argv.includes('--viewport');

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

// Starts the server; resolves to {proc, base, users} once it listens.
function startServer(port, dir) {
	const proc = spawn(BIN, ['serve', '--demo', '--address', '127.0.0.1', '--port', String(port),
		'--db', path.join(dir, 'loket.db')], { stdio: ['ignore', 'pipe', 'pipe'] });
	const users = [];
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('server did not start within 30 s')), 30_000);
		proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code})`)); });
		let buf = '';
		const onData = (d) => {
			buf += d;
			let i;
			while ((i = buf.indexOf('\n')) >= 0) {
				const line = buf.slice(0, i);
				buf = buf.slice(i + 1);
				const m = /demo-gebruiker\s+(.*)$/.exec(line);
				if (m) {
					const kv = {};
					for (const [, k, v] of m[1].matchAll(/(\w+)=("[^"]*"|\S+)/g)) kv[k] = v.replace(/^"|"$/g, '');
					users.push(kv);
				}
				const l = /luistert op (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
				if (l) { clearTimeout(timer); resolve({ proc, base: l[1], users }); }
			}
		};
		proc.stdout.setEncoding('utf8').on('data', onData);
		proc.stderr.setEncoding('utf8').on('data', onData);
	});
}

async function submit(page, name) {
	await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name, exact: true }).click()]);
	await page.waitForLoadState('load');
}


async function registerDeVries(page) {
	await page.goto('/aanmeldingen/nieuw');
	await fillDeVries(page, '3861 AB');
	await submit(page, 'Aanmelding opslaan');
	const m = /^\/huishoudens\/(\d+)$/.exec(new URL(page.url()).pathname);
	if (!m) throw new Error(`registering De Vries landed on ${page.url()}`);
	return m[0];
}

async function shoot(page, url, name) {
	for (const w of WIDTHS) {
		await page.setViewportSize({ width: w, height: w > 800 ? 900 : 844 });
		await page.goto(url);
		const file = path.join(OUT, `${name}-${w}.png`);
		await page.screenshot({ path: file, fullPage: FULL_PAGE });
		console.log(`screens: ${file}`);
	}
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-screens-'));
let server = null;
let browser = null;
try {
	if (!fs.existsSync(BIN)) throw new Error(`${BIN} not found (run make)`);
	fs.mkdirSync(OUT, { recursive: true });
	server = await startServer(await freePort(), dir);
	const consulent = server.users.find((u) => u.gebruikersnaam === 'consulent');
	if (!consulent) throw new Error('no demo consulent');
	browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
		args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
	const context = await browser.newContext({ baseURL: server.base, locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
	context.setDefaultTimeout(30_000);
	const page = await context.newPage();
	await page.goto('/inloggen');
	await page.locator('input[name="gebruikersnaam"]').fill(consulent.gebruikersnaam);
	await page.locator('input[name="wachtwoord"]').fill(consulent.wachtwoord);
	await submit(page, 'Inloggen');
	const hh = await registerDeVries(page);
	await shoot(page, hh, 'huishouden');
	await shoot(page, '/aanmeldingen', 'aanmeldingen');
	await shoot(page, `${hh}/intake/nieuw`, 'intake');
	await shoot(page, '/', 'mijn-werk');
} catch (e) {
	console.error(`screens: ${e.message}`);
	process.exitCode = 1;
} finally {
	if (browser) await browser.close().catch(() => {});
	if (server) server.proc.kill('SIGTERM');
	fs.rmSync(dir, { recursive: true, force: true });
}
