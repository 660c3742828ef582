// Drives the Donjon web console in Debian's Chromium, one scenario after another, and writes what it saw as JSON for
// ConsoleBrowserTest to assert (with the server-side state it checks itself). Run by that test; the environment:
//   DONJON_URL         the server's base URL (https://127.0.0.1:<port>)
//   CHROMIUM           the browser executable (/usr/bin/chromium)
//   CHROMIUM_SPKI      base64 SHA-256 of the server certificate's public key, the one certificate Chromium accepts
//   ADMIN_TOKEN        a token with the admin (and audit) roles of the console project
//   OBSERVER_TOKEN     a token with the observer role of the same project
//   USER_DATA_DIR      a fresh, empty profile directory
//   SCREENSHOTS        where the screenshots go
//   RESULTS            where the results go
import {chromium} from 'playwright-core';
import {writeFileSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
};
const base = env('DONJON_URL');
const adminToken = env('ADMIN_TOKEN');
const observerToken = env('OBSERVER_TOKEN');
const shots = env('SCREENSHOTS');
mkdirSync(shots, {recursive: true});

const PAYLOAD = 'console-payload-7f3a';
const results = {scenarios: [], requests: [], consoleMessages: [], policyViolations: [], pageErrors: []};
const TIMEOUT = 10_000;

const browser = await chromium.launchPersistentContext(env('USER_DATA_DIR'), {
  executablePath: env('CHROMIUM'),
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--ignore-certificate-errors-spki-list=${env('CHROMIUM_SPKI')}`],
  viewport: {width: 1280, height: 860},
});
browser.setDefaultTimeout(TIMEOUT);
const page = browser.pages()[0] ?? await browser.newPage();
page.on('request', (request) => results.requests.push({
  method: request.method(), url: request.url(), headers: request.headers()}));
page.on('console', (message) => results.consoleMessages.push(`${message.type()}: ${message.text()}`));
page.on('pageerror', (error) => results.pageErrors.push(String(error)));
// Inline code or a foreign source would be refused by the policy: any violation is reported to the test.
await page.addInitScript(() => {
  document.addEventListener('securitypolicyviolation', (event) => {
    console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
  });
});

async function scenario(name, body) {
  const started = Date.now();
  try {
    const detail = await body();
    results.scenarios.push({name, ok: true, detail: detail ?? null, millis: Date.now() - started});
  } catch (error) {
    await page.screenshot({path: join(shots, `failed-${name}.png`), fullPage: true}).catch(() => {});
    results.scenarios.push({name, ok: false, error: String(error?.stack ?? error), millis: Date.now() - started});
  }
}

const shot = (file) => page.screenshot({path: join(shots, file), fullPage: true});
const text = (selector) => page.locator(selector).innerText();

async function signIn(token) {
  await page.goto(`${base}/console/`);
  await page.locator('#token').fill(token);
  await page.locator('#sign-in').click();
  await page.locator('#secret-table').waitFor();
}

async function signOut() {
  await page.locator('#sign-out').click();
  await page.locator('#login').waitFor();
}

let createdId = null;

await scenario('login', async () => {
  await page.goto(`${base}/console/`);
  await page.locator('#login').waitFor();
  await shot('01-login.png');
  await page.locator('#token').fill('djt_not_a_token');
  await page.locator('#sign-in').click();
  await page.locator('#error').waitFor();
  const refused = await text('#error');
  await signIn(adminToken);
  const stored = await page.evaluate(() => sessionStorage.getItem('donjon.console.token'));
  await shot('02-secrets.png');
  return {refused, tokenInSessionStorage: stored === adminToken, rows: await page.locator('#secret-table tbody tr')
    .count()};
});

await scenario('create-secret', async () => {
  await page.locator('#new-secret').click();
  await page.locator('#secret-name').fill('console-created');
  await page.locator('#secret-type').selectOption('passphrase');
  await page.locator('#secret-payload').fill(PAYLOAD);
  await shot('03-create-secret.png');
  await page.locator('#secret-submit').click();
  await page.locator('#secret-facts').waitFor();
  createdId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
  return {id: createdId, notice: await text('#notice'), heading: await text('#secret-detail h2')};
});

await scenario('list-filter', async () => {
  await page.locator('#nav a[data-view="secrets"]').click();
  await page.locator('#secret-table').waitFor();
  const before = await page.locator('#secret-table tbody tr').count();
  await page.locator('#secret-filter-name').fill('console-created');
  await page.locator('#secret-filter button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelectorAll('#secret-table tbody tr').length === 1);
  const byName = await page.locator('#secret-table tbody tr').allInnerTexts();
  await page.locator('#secret-filter-name').fill('');
  await page.locator('#secret-filter-type').selectOption('symmetric');
  await page.locator('#secret-filter button[type="submit"]').click();
  await page.waitForFunction(() => [...document.querySelectorAll('#secret-table tbody tr')]
    .every((row) => row.innerText.includes('symmetric')));
  const byType = await page.locator('#secret-table tbody tr').allInnerTexts();
  await shot('04-filtered.png');
  await page.locator('#secret-filter-type').selectOption('');
  await page.locator('#secret-filter button[type="submit"]').click();
  return {before, byName, byType};
});

await scenario('edit-acl', async () => {
  await page.goto(`${base}/console/#/secrets/${createdId}`);
  await page.locator('#acl-form').waitFor();
  await page.locator('#acl-project-access').uncheck();
  await page.locator('#acl-users').fill('alice\nbob');
  await page.locator('#acl-save').click();
  await page.locator('#notice', {hasText: 'ACL saved.'}).waitFor();
  await page.locator('#acl-editor .hint', {hasText: 'Set '}).waitFor();
  await shot('05-acl.png');
  return {users: await page.locator('#acl-users').inputValue(),
    projectAccess: await page.locator('#acl-project-access').isChecked()};
});

await scenario('view-payload', async () => {
  const fetchedBefore = results.requests.filter((r) => r.url.includes('/payload')).length;
  const shownBefore = await page.locator('#payload-value').count();
  await page.locator('#reveal-payload').click();
  await page.locator('#payload-value').waitFor();
  const shown = await text('#payload-value');
  await shot('06-payload.png');
  await page.locator('#hide-payload').click();
  const shownAfterHide = await page.locator('#payload-value').count();
  return {fetchedBefore, shownBefore, shown, shownAfterHide};
});

await scenario('orders-and-containers', async () => {
  await page.locator('#nav a[data-view="orders"]').click();
  await page.locator('#new-order').click();
  await page.locator('#order-name').fill('console-order');
  await page.locator('#order-submit').click();
  await page.locator('#order-facts').waitFor();
  const order = await text('#order-facts');
  await page.locator('#nav a[data-view="containers"]').click();
  await page.locator('#new-container').click();
  await page.locator('#container-name').fill('console-container');
  await page.locator('#container-add-ref').click();
  await page.locator('.ref-row .ref-name').fill('main');
  await page.locator('.ref-row .ref-secret').selectOption(createdId);
  await page.locator('#container-submit').click();
  await page.locator('#container-facts').waitFor();
  const container = await text('#container-secrets');
  await shot('07-container.png');
  await page.locator('#nav a[data-view="containers"]').click();
  await page.locator('#container-table').waitFor();
  return {order, container, listed: await text('#container-table')};
});

await scenario('delete-secret', async () => {
  await page.goto(`${base}/console/#/secrets/${createdId}`);
  await page.locator('#delete-secret').click();
  await page.locator('#confirm[open]').waitFor();
  await shot('08-confirm-delete.png');
  await page.locator('#confirm-ok').click();
  await page.locator('#notice', {hasText: 'Deleted secret'}).waitFor();
  await page.locator('#secret-results table, #secret-results p').first().waitFor();
  return {notice: await text('#notice'), listed: await text('#secret-results')};
});

await scenario('refused-action', async () => {
  await signOut();
  await signIn(observerToken);
  await page.locator('#new-secret').click();
  await page.locator('#secret-name').fill('observer-attempt');
  await page.locator('#secret-payload').fill('nope');
  await page.locator('#secret-submit').click();
  await page.locator('#error').waitFor();
  await shot('09-refused.png');
  return {error: await text('#error'), stillOnForm: await page.locator('#secret-create').count() === 1};
});

await scenario('audit', async () => {
  await signOut();
  await signIn(adminToken);
  await page.locator('#nav a[data-view="audit"]').click();
  await page.locator('#audit-table, #audit-unavailable, #audit-results p').first().waitFor();
  await shot('10-audit.png');
  const unavailable = await page.locator('#audit-unavailable').count() === 1;
  return {unavailable, table: unavailable ? null : await text('#audit-results'),
    error: await page.locator('#error').isVisible() ? await text('#error') : null};
});

await browser.close();
writeFileSync(env('RESULTS'), JSON.stringify(results, null, 2));
