import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AppConfig } from '../config/app-config';

/**
 * Keyed hashes of client IPs and visitors (IP + user agent). Only these are stored: without REFERRAL_SECRET
 * they cannot be reversed by trying the 2^32 IPv4 addresses, and they still let equal IPs be compared.
 */
@Injectable()
export class ReferralHashing {
  constructor(private readonly config: AppConfig) {}

  ip(ip: string): Buffer {
    return this.hash(`ip:${ip}`);
  }

  visitor(ip: string, userAgent: string): Buffer {
    return this.hash(`visitor:${ip}\n${userAgent}`);
  }

  private hash(value: string): Buffer {
    return createHmac('sha256', this.config.referrals.secret).update(value).digest();
  }
}
