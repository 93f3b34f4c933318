/**
 * Organisation configuration: channels, topics, assistance programmes, holidays and deadline
 * policy. The same scheme runs at Kemensos, other ministries and regional governments, so none
 * of these are enums in code; `DEFAULT_CONFIG` is Kemensos' setup as the seeds describe it.
 */
import { z } from 'zod';
import { configKeySchema, isoDateSchema, requiredText } from './common';

export const channelSchema = z.strictObject({
  key: configKeySchema,
  name: requiredText(80, 'Nama kanal'),
  /** Whether the finished status must be reported back on this channel (LAPOR!, WBS, Jaga Bansos). */
  reportsBack: z.boolean(),
});
export type Channel = z.infer<typeof channelSchema>;

export const topicSchema = z.strictObject({
  key: configKeySchema,
  name: requiredText(120, 'Nama topik'),
  /** Topics KemenPAN RB asked to treat as urgent: handled first, shorter deadlines. */
  isUrgent: z.boolean(),
});
export type Topic = z.infer<typeof topicSchema>;

export const programSchema = z.strictObject({
  key: configKeySchema,
  name: requiredText(120, 'Nama program'),
});
export type Program = z.infer<typeof programSchema>;

const workingDays = z.number().int().min(0).max(60);

export const deadlineDaysSchema = z.strictObject({
  /** From receipt to verification by the admin (LAPOR!: 3 working days). */
  verify: workingDays,
  /** From distribution to the unit's follow-up (LAPOR!: 5 working days). */
  followUp: workingDays,
  /** From distribution to completion (Kemensos service standard: 3 days). */
  complete: workingDays,
  /** From the finished declaration to automatic closing without the reporter's reply (10). */
  autoClose: workingDays,
});
export type DeadlineDays = z.infer<typeof deadlineDaysSchema>;

export const deadlinePolicySchema = z.strictObject({
  normal: deadlineDaysSchema,
  urgent: deadlineDaysSchema,
  /** Per-topic overrides, applied over the urgency's days. */
  byTopic: z.record(configKeySchema, deadlineDaysSchema.partial()),
  /** A deadline is "due soon" this many working days before it falls. */
  dueSoonWorkingDays: z.number().int().min(0).max(10),
});
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

export const orgConfigSchema = z.strictObject({
  channels: z.array(channelSchema).min(1),
  topics: z.array(topicSchema).min(1),
  programs: z.array(programSchema),
  /** Public holidays and collective leave (cuti bersama), as local dates; set yearly from the SKB. */
  holidays: z.array(isoDateSchema),
  deadlines: deadlinePolicySchema,
});
export type OrgConfig = z.infer<typeof orgConfigSchema>;

export const DEFAULT_CONFIG: OrgConfig = {
  channels: [
    { key: 'lapor', name: 'SP4N-LAPOR!', reportsBack: true },
    { key: 'wbs', name: 'WBS (Whistle Blowing System)', reportsBack: true },
    { key: 'jaga_bansos', name: 'Jaga Bansos', reportsBack: true },
    { key: 'cc171', name: 'Call Center 171', reportsBack: false },
    { key: 'sms1708', name: 'SMS 1708', reportsBack: false },
    { key: 'walk_in', name: 'Datang langsung', reportsBack: false },
  ],
  topics: [
    { key: 'dtks', name: 'DTKS (Data Terpadu Kesejahteraan Sosial)', isUrgent: false },
    { key: 'pkh', name: 'PKH (Program Keluarga Harapan)', isUrgent: false },
    { key: 'bpnt', name: 'BPNT (Bantuan Pangan Non Tunai)', isUrgent: false },
    { key: 'disaster', name: 'Bencana dan kedaruratan sosial', isUrgent: true },
    { key: 'abuse', name: 'Kekerasan dan penelantaran', isUrgent: true },
    { key: 'other', name: 'Lainnya', isUrgent: false },
  ],
  programs: [
    { key: 'dtks', name: 'DTKS' },
    { key: 'pkh', name: 'PKH' },
    { key: 'bpnt', name: 'BPNT' },
  ],
  holidays: [
    '2026-01-01', '2026-01-16', '2026-02-17', '2026-03-19', '2026-03-20', '2026-03-23', '2026-04-03',
    '2026-05-01', '2026-05-14', '2026-05-27', '2026-05-31', '2026-06-01', '2026-06-16', '2026-08-17',
    '2026-08-25', '2026-12-24', '2026-12-25',
    '2027-01-01', '2027-02-06', '2027-03-09', '2027-03-10', '2027-03-26', '2027-05-01', '2027-05-06',
    '2027-05-16', '2027-05-20', '2027-06-01', '2027-08-17', '2027-12-25',
  ],
  deadlines: {
    normal: { verify: 3, followUp: 5, complete: 3, autoClose: 10 },
    urgent: { verify: 1, followUp: 2, complete: 1, autoClose: 10 },
    byTopic: {},
    dueSoonWorkingDays: 1,
  },
};
