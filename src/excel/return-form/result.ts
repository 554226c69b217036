// What reading a return gives the import batch, and what the batch tells the reader.
import type { Period } from '../../domain/period.js';
import type { Plan } from '../../domain/plan/model.js';
import type { ReturnRecord } from '../../domain/return.js';

/** Something wrong (or worth a warning) in a return, at a sheet and cell when there is one. */
export interface Problem {
  sheet?: string;
  cell?: string;
  message: string;
  fix: string;
  /** The return's year has no plan: the batch names how to make one, once. */
  planMissing?: number;
}

export interface FormRead {
  /** Known once identified, even when other parts have problems (to spot duplicates in a batch). */
  unit?: string;
  period?: Period;
  /** Present only when there are no problems. */
  record?: ReturnRecord;
  problems: Problem[];
  warnings: Problem[];
  /** Identified by the hidden sheet (a jiuye template) rather than by the visible header. */
  fromMeta: boolean;
  /** No hidden sheet and no sheet that looks like a return: some other workbook (a roster, say). */
  notAReturn?: boolean;
  /** A return as it was sent out: not one cell the unit fills in has anything in it. */
  blank?: boolean;
  /** A return for another quarter than the batch's: its one problem says which, and what to do. */
  otherPeriod?: boolean;
}

export interface FormContext {
  planFor(year: number): Plan | undefined;
  years: number[];
  /** The quarter the batch expects (--quarter, or the collection the receipt date belongs to). */
  period?: Period;
  /** period came from --quarter (a return for another quarter is then a plain contradiction). */
  periodGiven?: boolean;
}
