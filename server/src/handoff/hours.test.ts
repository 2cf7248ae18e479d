import { describe, expect, it } from 'vitest';
import { businessHours, isOpen, localTime, parseSchedule } from './hours.js';

describe('business hours', () => {
  it('is always open without a schedule', () => {
    expect(isOpen(businessHours(undefined))).toBe(true);
    expect(isOpen(businessHours('24/7', 'Asia/Tokyo'))).toBe(true);
  });

  it('checks weekday and time in the configured time zone', () => {
    const hours = businessHours('mon-fri 09:00-17:00; sat 10:00-14:00', 'Europe/Berlin');
    // 2025-01-06 is a Monday; Berlin is UTC+1 in January.
    expect(isOpen(hours, new Date('2025-01-06T07:59:00Z'))).toBe(false); // 08:59 local
    expect(isOpen(hours, new Date('2025-01-06T08:00:00Z'))).toBe(true); // 09:00 local
    expect(isOpen(hours, new Date('2025-01-06T15:59:00Z'))).toBe(true); // 16:59
    expect(isOpen(hours, new Date('2025-01-06T16:00:00Z'))).toBe(false); // 17:00, end is exclusive
    expect(isOpen(hours, new Date('2025-01-11T09:30:00Z'))).toBe(true); // Saturday 10:30
    expect(isOpen(hours, new Date('2025-01-12T11:00:00Z'))).toBe(false); // Sunday
    // The same instant is a different local day in another zone.
    expect(isOpen(businessHours('mon-fri 09:00-17:00', 'Pacific/Auckland'), new Date('2025-01-05T21:00:00Z'))).toBe(
      true,
    ); // Mon 10:00 NZDT
  });

  it('handles lists, week-wrapping ranges and ranges across midnight', () => {
    const s = parseSchedule('mon,wed 08:00-12:00,13:00-18:00; fri-sun 22:00-02:00')!;
    // Monday: its own hours plus the tail of Sunday night's 22:00-02:00.
    expect(s[1]).toEqual([
      [480, 720],
      [780, 1080],
      [0, 120],
    ]);
    expect(s[2]).toEqual([]);
    expect(s[3]).toEqual([
      [480, 720],
      [780, 1080],
    ]);
    expect(s[5]).toEqual([[1320, 1440]]);
    expect(s[6]).toEqual([
      [0, 120],
      [1320, 1440],
    ]);
    expect(s[0]).toEqual([
      [0, 120],
      [1320, 1440],
    ]);
  });

  it('refuses malformed schedules and unknown time zones with invalid_config', () => {
    expect(() => parseSchedule('mon-fri nine to five')).toThrow(/bad time/);
    expect(() => parseSchedule('moonday 09:00-10:00')).toThrow(/unknown day/);
    expect(() => parseSchedule('09:00-17:00')).toThrow(/expected/);
    expect(() => businessHours('mon 09:00-10:00', 'Mars/Olympus')).toThrow(/unknown time zone/);
  });

  it('reads local weekday and minute', () => {
    expect(localTime(new Date('2025-01-06T23:30:00Z'), 'America/New_York')).toEqual({ day: 1, minute: 18 * 60 + 30 });
  });
});
