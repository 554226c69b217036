// The baseline: exceljs loading every file of a folder and nothing else (parsing alone).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const dir = process.argv[2];
for (const name of readdirSync(dir).filter((n) => n.endsWith('.xlsx'))) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, name)));
}
