import { API_KEY_PREFIX, generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format';

describe('API key format', () => {
  it('generates prefixed, base62, checksummed keys that verify', () => {
    const { key, hash, displayPrefix } = generateApiKey();

    expect(key).toMatch(/^crw_live_[0-9A-Za-z]{49}$/);
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(hash).toEqual(hashApiKey(key));
    expect(hash).toHaveLength(32);
    expect(displayPrefix).toBe(key.slice(0, API_KEY_PREFIX.length + 4));
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));

    expect(keys.size).toBe(1000);
  });

  it('rejects a key with one character changed (the checksum catches typos)', () => {
    const { key } = generateApiKey();
    const position = API_KEY_PREFIX.length + 10;
    const typo = key.slice(0, position) + (key[position] === 'a' ? 'b' : 'a') + key.slice(position + 1);

    expect(isWellFormedApiKey(typo)).toBe(false);
  });

  it.each([
    '',
    'crw_live_',
    'crw_test_0000000000000000000000000000000000000000000000000',
    `crw_live_${'0'.repeat(48)}`,
    `crw_live_${'-'.repeat(49)}`,
    'Bearer something',
  ])('rejects %p', (candidate) => {
    expect(isWellFormedApiKey(candidate)).toBe(false);
  });
});
