// Browser test: 合同与年度 (issue 11 "The year") — a supervisor registers a contract through the API for a provider
// without one in last year, opens 合同与年度, picks the provider: the schedule shows the advance (30 %, overdue: due
// ten workdays after signing) and the balance awaiting the final assessment; a payment one fen above the advance is
// refused with a Chinese message and nothing changes, the exact advance is recorded and shows 已付清; the year's 12
// months are listed (none signed in the stack's data: 未建立) with the provisional note; a month links to 考核 by route.
// The provider user sees its own contracts only and no payment form. Screenshot: contracts-1440x900.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  waitState, click, shot, assertLayout, users, api, apiSignIn, choose, setField, openScreen, chooseProviderByName,
} from './lib.mjs';

const loaded = (x) => x.screen === 'contracts' && x.contracts.provider_id > 0 && !x.contracts.loading && x.pending === 0;

// The first provider (by id) without a contract in `year`: the tests may run again on one database.
async function providerWithoutContract(sup, year, among = null) {
  const ids = among || (await api(sup, 'GET', '/api/v1/providers')).body.items.map((p) => p.id).sort((a, b) => a - b);
  for (const id of ids) {
    const r = await api(sup, 'GET', `/api/v1/contracts?provider_id=${id}&year=${year}`);
    assert.equal(r.status, 200);
    if (r.body.items.length === 0) return id;
  }
  assert.fail('a provider without a contract');
}

test('contracts: the schedule, a payment refused and one recorded, the year', async (t) => {
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const viewport = { width: 1440, height: 900 };
  const { page, problems, s: first } = await openScreen(t, 'supervisor', 'nav.contracts', loaded, '合同与年度 loaded', viewport);
  let s = first;
  const year = s.contracts.year;   // last year: the one whose final assessment is due

  const providers = (await api(sup, 'GET', '/api/v1/providers')).body.items.map((p) => p.id).sort((a, b) => a - b);
  const provider = await providerWithoutContract(sup, year, providers);
  const index = providers.indexOf(provider);
  const no = `E2E-${year}-${provider}-${Date.now() % 100000}`;
  const created = await api(sup, 'POST', '/api/v1/contracts', {
    provider_id: provider, project_code: 'home_visit', year, contract_no: no, signed_on: `${year}-01-06`,
    total_fen: 1000000, note: '浏览器测试合同' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const adv = created.body.schedule.installments.find((x) => x.code === 'advance');
  assert.equal(adv.amount_fen, 300000);

  if (providers[index] === s.contracts.provider_id) await click(page, 'contracts.reload');
  else await choose(page, 'contracts.provider', `contracts.provider.${index}`);
  s = await waitState(page, (x) => x.contracts.provider_id === provider && !x.contracts.loading && x.contracts.contracts &&
    x.contracts.year_view && x.pending === 0 && x.texts[`contracts.status.${no}.advance`], 'the provider chosen');
  assert.equal(s.contracts.year, year);
  assert.equal(s.texts[`contracts.status.${no}.advance`], 'overdue');
  assert.equal(s.texts[`contracts.status.${no}.balance`], 'awaiting_assessment');
  assert.equal(s.contracts.year_view.projects.length >= 1, true);
  assert.equal(s.contracts.year_view.final, false);
  assert.match(s.texts['contracts.year.note'], /未签署|没有服务项目/);

  // One fen above the advance: refused, the message says so, nothing recorded.
  await setField(page, 'contracts.pay.date', `${year}-01-15`);
  await setField(page, 'contracts.pay.amount', '3000.01');
  await click(page, 'contracts.pay.submit');
  s = await waitState(page, (x) => x.contracts.pay_error !== '' && !x.contracts.paying, 'refused payment');
  assert.match(s.contracts.pay_error, /超过应付余额/);
  assert.equal((await api(sup, 'GET', `/api/v1/contracts?provider_id=${provider}&year=${year}`)).body.items[0].payments.length, 0);

  // The exact advance: recorded, the row says 已付清.
  await setField(page, 'contracts.pay.amount', '3000.00');
  await click(page, 'contracts.pay.submit');
  s = await waitState(page, (x) => x.contracts.pay_notice !== '' && !x.contracts.paying &&
    x.texts[`contracts.status.${no}.advance`] === 'paid', 'payment recorded');
  assert.match(s.contracts.pay_notice, /3000.00/);
  const after = (await api(sup, 'GET', `/api/v1/contracts?provider_id=${provider}&year=${year}`)).body.items[0];
  assert.equal(after.payments.length, 1);
  assert.equal(after.schedule.paid_total_fen, 300000);

  // A month: its links (考核 by route).
  await click(page, `contracts.month.home_visit.${year}-03`);
  s = await waitState(page, (x) => x.contracts.selected_month === `${year}-03` && x.items['contracts.link.assessment'],
    'month selected');
  assertLayout(s, ['contracts.zone.table', 'contracts.zone.year'], viewport);
  await shot(page, 'contracts-1440x900');
  await click(page, 'contracts.link.assessment');
  await waitState(page, (x) => x.screen === 'assessment', 'to 考核');
  assert.deepEqual(problems, []);
});

test('contracts: a provider sees its own and records nothing', async (t) => {
  const { problems, s } = await openScreen(t, 'provider', 'nav.contracts', (x) => x.screen === 'contracts' &&
    !x.contracts.loading && x.contracts.year_view && x.pending === 0, '合同与年度 as the provider');
  assert.ok(s.contracts.provider_id > 0);
  assert.equal(s.contracts.year_view.provider_id, s.contracts.provider_id);
  for (const c of (s.contracts.contracts || { items: [] }).items) assert.equal(c.provider_id, s.contracts.provider_id);
  assert.equal(s.items['contracts.pay.submit'], undefined);
  assert.equal(s.items['contracts.new.toggle'], undefined);   // no 登记合同 either
  assert.deepEqual(problems, []);
});

test('contracts: 登记合同 on the screen — the provider by name, a 422 beside its field, the contract and a payment', async (t) => {
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const viewport = { width: 1440, height: 900 };
  const { page, problems, s: first } = await openScreen(t, 'supervisor', 'nav.contracts', loaded, '合同与年度 loaded', viewport);
  const year = first.contracts.year;
  await click(page, 'contracts.new.toggle');
  let s = await waitState(page, (x) => x.contracts.form_open && x.contracts.projects && x.pending === 0, 'the form with the projects');
  const home = s.contracts.projects.items.find((p) => p.code === 'home_visit');
  assert.ok(home && home.providers.length > 0, 'home_visit has providers');
  if (s.contracts.form.project_code !== 'home_visit') await choose(page, 'contracts.new.project', 'contracts.new.project.home_visit');
  const provider = await providerWithoutContract(sup, year, home.providers.map((p) => p.id));
  await chooseProviderByName(page, 'contracts.new', home.providers, provider);
  s = await waitState(page, (x) => x.contracts.form.provider_id === provider, 'the provider chosen by name');

  const no = `E2E-F-${year}-${provider}-${Date.now() % 100000}`;
  await setField(page, 'contracts.new.no', no);
  await setField(page, 'contracts.new.signed_on', `${year + 1}-01-06`);   // after the contract year: the server's 422
  await setField(page, 'contracts.new.amount', '223456.78');
  s = await waitState(page, (x) => /贰拾贰万叁仟肆佰伍拾陆元柒角捌分/.test(x.texts['contracts.new.amount_words'] || ''),
    'the amount in fen and 大写 before sending');
  assert.match(s.texts['contracts.new.amount_words'], /22345678 分/);
  await click(page, 'contracts.new.submit');
  s = await waitState(page, (x) => !x.contracts.creating && x.texts['contracts.new.error.signed_on'], 'the 422 beside 签订日期', 20000);
  assert.match(s.texts['contracts.new.error.signed_on'], /晚于合同年度/);
  assertLayout(s, ['contracts.zone.table', 'contracts.new.signed_on', 'contracts.new.error.signed_on', 'contracts.new.amount_words'], viewport);
  await shot(page, 'contracts-form-422-1440x900');
  assert.equal((await api(sup, 'GET', `/api/v1/contracts?provider_id=${provider}&year=${year}`)).body.items.length, 0);

  // Corrected: saved; the new contract is selected with its schedule (advance 30 %, overdue or due).
  await setField(page, 'contracts.new.signed_on', `${year}-01-06`);
  s = await waitState(page, (x) => !x.texts['contracts.new.error.signed_on'], 'the edited field loses its error');
  await click(page, 'contracts.new.submit');
  s = await waitState(page, (x) => x.contracts.created_contract > 0 && x.contracts.provider_id === provider &&
    !x.contracts.loading && x.texts['contracts.created'] === no && x.texts[`contracts.status.${no}.advance`] && x.pending === 0,
    'the contract registered and selected', 20000);
  assert.match(s.contracts.form_notice, new RegExp(no));
  assert.equal(s.contracts.pay_contract, s.contracts.created_contract);
  const made = (await api(sup, 'GET', `/api/v1/contracts?provider_id=${provider}&year=${year}`)).body.items;
  assert.equal(made.length, 1);
  assert.equal(made[0].total_fen, 22345678);
  assert.equal(made[0].signed_on, `${year}-01-06`);
  const advance = made[0].schedule.installments.find((x) => x.code === 'advance');

  // A payment of the advance, its date from the date picker's field: recorded in one request, 已付清.
  await setField(page, 'contracts.pay.date', `${year}-01-16`);
  await setField(page, 'contracts.pay.amount', (advance.amount_fen / 100).toFixed(2));
  await click(page, 'contracts.pay.submit');
  s = await waitState(page, (x) => x.contracts.pay_notice !== '' && !x.contracts.paying &&
    x.texts[`contracts.status.${no}.advance`] === 'paid', 'the advance recorded', 20000);
  const paid = (await api(sup, 'GET', `/api/v1/contracts?provider_id=${provider}&year=${year}`)).body.items[0];
  assert.equal(paid.payments.length, 1);
  assert.equal(paid.payments[0].paid_on, `${year}-01-16`);
  assert.equal(paid.payments[0].amount_fen, advance.amount_fen);
  assertLayout(s, ['contracts.zone.table'], viewport);
  await shot(page, 'contracts-created-1440x900');
  assert.deepEqual(problems, []);
});
