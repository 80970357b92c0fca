// Hostile input against the real server binary (no browser): identifiers that once panicked a
// handler get a field error or are accepted, and the process keeps answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './support.mjs';

/** A complete, valid Chilean address (the format's example postal code and phone). */
function chilean(customsId) {
  return {
    country: 'CL',
    name: 'Ana Pérez',
    address_line1: 'Av. Providencia 1234',
    city: 'Providencia',
    state: 'Región Metropolitana',
    postal_code: '7500000',
    phone: '9 6123 4567',
    customs_id: customsId,
  };
}

/** A complete, valid Chinese address. */
function chinese(customsId) {
  return {
    country: 'CN',
    name: '王小明',
    address_line1: '建国路88号',
    district: '朝阳区',
    city: '北京市',
    state: '北京市',
    postal_code: '100096',
    phone: '131 2345 6789',
    customs_id: customsId,
  };
}

// 110105199003071239 is valid (ISO 7064 MOD 11-2 check digit 9); here its last digit is typed
// in full width (U+FF19), as a Chinese keyboard does.
const FULL_WIDTH_RESIDENT_ID = '11010519900307123\uFF19';

suite('hostile input to the real server', { browser: false }, ({ store }) => {
  async function validate(address) {
    const res = await fetch(store.url + '/api/v1/addresses/validate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(address),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  }

  test('a chilean rut with an accented letter is a field error on customs_id', async () => {
    const res = await validate(chilean('1é'));
    // Well-formed, but not a RUT: a rule of the store (422), not a breach of the API's schema (400).
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.type, 'application/problem+json');
    assert.equal(res.body.code, 'invalid_parameter');
    assert.deepEqual(res.body.errors.map((e) => e.field), ['customs_id']);
    assert.equal(res.body.errors[0].code, 'customs_id_invalid');
  });

  test('a chinese resident id with a full-width last digit is accepted', async () => {
    const res = await validate(chinese(FULL_WIDTH_RESIDENT_ID));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.address.customs_id, '110105199003071239');
    assert.equal(res.body.phone_e164, '+8613123456789');
  });

  test('after the hostile requests the server is still up and healthy', async () => {
    const res = await fetch(store.url + '/healthz');
    assert.equal(res.status, 200);
    assert.equal((await res.json()).status, 'ok');
    // And still validates a normal address.
    const ok = await validate(chilean('12.345.678-5'));
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.ok(store.proc && store.proc.exitCode === null, `the server exited:\n${store.log}`);
  });
});
