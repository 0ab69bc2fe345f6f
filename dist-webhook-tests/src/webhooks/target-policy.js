"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AllowedHosts = void 0;
exports.embeddedIpv4 = embeddedIpv4;
exports.isPublicAddress = isPublicAddress;
exports.targetRefusal = targetRefusal;
const node_net_1 = require("node:net");
/**
 * Special-purpose address ranges a webhook may never reach unless the operator allow-lists the host
 * (IANA IPv4/IPv6 special-purpose registries): this-network, private, CGNAT, loopback, link-local, IETF
 * protocol assignments, documentation, benchmarking, 6to4 relay, multicast, reserved and broadcast; IPv6
 * unspecified, loopback, IPv4-mapped/-translated, discard, ULA, link-local, site-local, multicast, 6to4, Teredo.
 */
const IPV4_BLOCKED = [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.88.99.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
];
const IPV6_BLOCKED = [
    ['::', 128],
    ['::1', 128],
    ['::ffff:0:0', 96],
    ['64:ff9b::', 96],
    ['64:ff9b:1::', 48],
    ['100::', 64],
    ['2001::', 23],
    ['2001:db8::', 32],
    ['2002::', 16],
    ['fc00::', 7],
    ['fe80::', 10],
    ['fec0::', 10],
    ['ff00::', 8],
];
// Two lists: Node's BlockList matches IPv4 addresses against IPv6 rules through ::ffff:0:0/96.
const BLOCKED_V4 = new node_net_1.BlockList();
const BLOCKED_V6 = new node_net_1.BlockList();
for (const [network, prefix] of IPV4_BLOCKED)
    BLOCKED_V4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of IPV6_BLOCKED)
    BLOCKED_V6.addSubnet(network, prefix, 'ipv6');
/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, `::ffff:a00:1`), else null. */
function embeddedIpv4(address) {
    const lower = address.toLowerCase();
    const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (dotted)
        return dotted[1];
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
    if (!hex)
        return null;
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}
/** True for an address on the public internet; false for every special-purpose range above. */
function isPublicAddress(address) {
    const family = (0, node_net_1.isIP)(address);
    if (family === 0)
        return false;
    if (family === 4)
        return !BLOCKED_V4.check(address, 'ipv4');
    const mapped = embeddedIpv4(address);
    if (mapped !== null)
        return false; // ::ffff:0:0/96 is blocked whatever it embeds (and so is the IPv4 inside)
    return !BLOCKED_V6.check(address, 'ipv6');
}
/**
 * WEBHOOK_ALLOWED_HOSTS: host names (exact, case-insensitive), IP addresses or CIDR ranges that may be targeted
 * although they resolve to special-purpose addresses, and over plain http. For internal receivers and tests.
 */
class AllowedHosts {
    constructor(entries) {
        this.names = new Set();
        this.addresses = new node_net_1.BlockList();
        this.empty = true;
        for (const raw of entries) {
            const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
            if (!entry)
                continue;
            this.empty = false;
            const [network, prefix] = entry.split('/');
            const family = (0, node_net_1.isIP)(network);
            if (family !== 0) {
                const type = family === 4 ? 'ipv4' : 'ipv6';
                if (prefix === undefined)
                    this.addresses.addAddress(network, type);
                else
                    this.addresses.addSubnet(network, Number(prefix), type);
            }
            else {
                this.names.add(entry);
            }
        }
    }
    /** `hostname` as written in the URL (brackets stripped), `address` as resolved. */
    permits(hostname, address) {
        if (this.empty)
            return false;
        const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
        if (this.names.has(host))
            return true;
        const candidates = [host, address].filter((value) => value !== undefined && (0, node_net_1.isIP)(value) !== 0);
        return candidates.some((value) => this.addresses.check(value, (0, node_net_1.isIP)(value) === 4 ? 'ipv4' : 'ipv6'));
    }
}
exports.AllowedHosts = AllowedHosts;
/** Why a target is refused; `null` when it may be used. Pure: resolution happens in WebhookTargetResolver. */
function targetRefusal(url, addresses, allowed) {
    const host = url.hostname;
    const allowListed = (address) => allowed.permits(host, address);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowListed())) {
        return url.protocol === 'http:'
            ? 'url must use https (plain http only for hosts in WEBHOOK_ALLOWED_HOSTS)'
            : 'url must be an https URL';
    }
    if (url.username || url.password)
        return 'url must not contain credentials';
    if (addresses.length === 0)
        return `host ${host} does not resolve`;
    const blocked = addresses.find((address) => !isPublicAddress(address) && !allowListed(address));
    return blocked === undefined
        ? null
        : `host ${host} resolves to ${blocked}, a private, loopback, link-local or otherwise special-purpose address`;
}
//# sourceMappingURL=target-policy.js.map