import { AllowedHosts, embeddedIpv4, isPublicAddress, targetRefusal } from './target-policy';

describe('isPublicAddress', () => {
  it.each([
    '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '127.8.9.10', '0.0.0.0', '169.254.169.254',
    '100.64.0.1', '100.127.255.254', '224.0.0.1', '239.255.255.250', '255.255.255.255', '240.0.0.1', '198.18.0.1',
    '192.0.2.5', '::', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1',
    '::ffff:7f00:1', '::ffff:8.8.8.8', '2001:db8::1', '64:ff9b::a00:1', '2002:a00:1::1', 'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001::1'])(
    'accepts %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it('reads the IPv4 address inside an IPv4-mapped IPv6 address, dotted or hex', () => {
    expect(embeddedIpv4('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('2001:db8::1')).toBeNull();
  });
});

describe('targetRefusal', () => {
  const none = new AllowedHosts([]);
  const loopback = new AllowedHosts(['127.0.0.1']);

  it('needs https unless the host is allow-listed', () => {
    expect(targetRefusal(new URL('http://example.com/h'), ['8.8.8.8'], none)).toMatch(/https/);
    expect(targetRefusal(new URL('https://example.com/h'), ['8.8.8.8'], none)).toBeNull();
    expect(targetRefusal(new URL('http://127.0.0.1:4170/h'), ['127.0.0.1'], loopback)).toBeNull();
    expect(targetRefusal(new URL('ftp://example.com/h'), ['8.8.8.8'], none)).toMatch(/https/);
  });

  it('refuses a public name that resolves to a private address (any of its addresses)', () => {
    expect(targetRefusal(new URL('https://rebind.example/h'), ['8.8.8.8', '10.0.0.5'], none)).toMatch(/10\.0\.0\.5/);
    expect(targetRefusal(new URL('https://[::1]/h'), ['::1'], none)).toMatch(/special-purpose/);
  });

  it('allows names, addresses and CIDR ranges from the allow-list only', () => {
    const allowed = new AllowedHosts(['hooks.internal', '10.0.0.0/8', '::1']);
    expect(targetRefusal(new URL('https://hooks.internal/h'), ['192.168.0.1'], allowed)).toBeNull();
    expect(targetRefusal(new URL('https://a.example/h'), ['10.2.3.4'], allowed)).toBeNull();
    expect(targetRefusal(new URL('https://[::1]/h'), ['::1'], allowed)).toBeNull();
    expect(targetRefusal(new URL('https://a.example/h'), ['192.168.0.1'], allowed)).toMatch(/192\.168\.0\.1/);
  });

  it('refuses credentials in the URL and hosts that do not resolve', () => {
    expect(targetRefusal(new URL('https://u:p@example.com/h'), ['8.8.8.8'], none)).toMatch(/credentials/);
    expect(targetRefusal(new URL('https://nowhere.example/h'), [], none)).toMatch(/does not resolve/);
  });
});
