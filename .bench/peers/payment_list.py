#!/usr/bin/env python3
"""The payment-list job as a municipal IT officer would write it in Python: the peer Jimu is
measured against (`bash .ci/bench peers`). Same inputs, checks, keys, numbers and outputs as
`Jobs/peers.yaml` (the shipped payment-list job cut to its accounting import and 全銀 files):

  read the CP932 payment list; join the payee master, the 支出負担行為 and the bank master; parse
  amounts strictly and dates in the four spellings the list uses; apply the job's checks and the
  会計課's payment-date rules; claim the key (請求書番号:登録番号) in an SQLite ledger (skipped when
  issued before with the same values, rejected when with other values); number per fiscal year;
  keep the 負担行為 balance; write the import CSV and one 全銀 総合振込 file per payment date and
  fiscal year (temporary files, fsync, commit, rename, SHA-256 of each in the ledger) and the rejects.

Usage: payment_list.py PROJECT AS_OF OUT LEDGER   (prints the counts as JSON)

Account holders' names are taken as the payee master keeps them, in 全銀 form (half-width kana
with the legal-person abbreviations already written); any other character rejects the record.
"""
import csv
import datetime
import glob
import hashlib
import json
import os
import re
import sqlite3
import sys
import unicodedata

project, as_of, out_dir, ledger_path = sys.argv[1:5]
as_of = datetime.date.fromisoformat(as_of)

# Holidays of 2026 and 2027, from the Cabinet Office's list (内閣府「国民の祝日について」, syukujitsu.csv).
HOLIDAYS = {datetime.date(*map(int, d.split("/"))) for d in """
2026/1/1 2026/1/12 2026/2/11 2026/2/23 2026/3/20 2026/4/29 2026/5/3 2026/5/4 2026/5/5 2026/5/6 2026/7/20
2026/8/11 2026/9/21 2026/9/22 2026/9/23 2026/10/12 2026/11/3 2026/11/23 2027/1/1 2027/1/11 2027/2/11
2027/2/23 2027/3/21 2027/3/22 2027/4/29 2027/5/3 2027/5/4 2027/5/5 2027/7/19 2027/8/11 2027/9/20 2027/9/23
2027/10/11 2027/11/3 2027/11/23""".split()}
ERAS = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988}


def bank_business_day(day):
    """Banks close on weekends, holidays and 12/31–1/3."""
    year_end = (day.month, day.day) in {(12, 31), (1, 1), (1, 2), (1, 3)}
    return day.weekday() < 5 and day not in HOLIDAYS and not year_end


def parse_date(text):
    """2026-11-30, 2026/11/30, 令和8年11月30日, R8.11.30; None when it is not a calendar date."""
    text = unicodedata.normalize("NFKC", text)
    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text):
        year, month, day = map(int, m.groups())
    elif m := re.fullmatch(r"(令和|平成|R|H)(\d{1,2}|元)[年.](\d{1,2})[月.](\d{1,2})日?", text):
        era, year, month, day = m.groups()
        year, month, day = ERAS[era] + (1 if year == "元" else int(year)), int(month), int(day)
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def parse_yen(text):
    """1,234 or ￥1,234 or 1234円; commas must group the digits in threes."""
    text = unicodedata.normalize("NFKC", text).strip().removeprefix("¥").removeprefix("\\").removesuffix("円")
    if not re.fullmatch(r"\d{1,3}(,\d{3})*|\d+", text) or len(text) > 24:
        return None
    return int(text.replace(",", ""))


def parse_fiscal_year(text):
    text = unicodedata.normalize("NFKC", text)
    if m := re.fullmatch(r"(令和|平成|R|H)(\d{1,2}|元)(年度)?", text):
        return ERAS[m[1]] + (1 if m[2] == "元" else int(m[2]))
    return int(text) if re.fullmatch(r"\d{4}(年度)?", text) else None


def digits(text):
    text = unicodedata.normalize("NFKC", text.strip())
    return text if text.isascii() and text.isdigit() else None


def corporate_number_valid(number):
    base = number[1:]
    total = sum(int(d) * (1 if n % 2 == 0 else 2) for n, d in enumerate(reversed(base)))
    return int(number[0]) == 9 - total % 9


ZENGIN_NAME = re.compile(r"[ｱ-ﾟ0-9A-Z ().,\-/]+")
SMALL_KANA = str.maketrans("ｧｨｩｪｫｬｭｮｯｦｰ", "ｱｲｳｴｵﾔﾕﾖﾂｵ-")


def zengin_name(name):
    name = name.translate(SMALL_KANA)
    return name if ZENGIN_NAME.fullmatch(name) else None


def half_width_kana(text):
    """Full-width katakana to half-width (for the requester's names in jimu.yaml)."""
    table = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF61, 0xFFA0)}
    table.update({unicodedata.normalize("NFKC", chr(c) + "ﾞ"): chr(c) + "ﾞ" for c in range(0xFF66, 0xFF9E)})
    table.update({unicodedata.normalize("NFKC", chr(c) + "ﾟ"): chr(c) + "ﾟ" for c in range(0xFF8A, 0xFF8F)})
    return "".join(table.get(ch, ch) for ch in text)


def read_master(path):
    with open(path, encoding="cp932", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return [dict(zip(header, (cell.strip() for cell in row))) for row in reader]


def requester():
    """The zengin: block of jimu.yaml (one `key: value` per line)."""
    values, inside = {}, False
    for line in open(os.path.join(project, "Jobs/jimu.yaml"), encoding="utf-8"):
        if line.startswith("zengin:"):
            inside = True
        elif inside and line.startswith("  ") and ":" in line:
            key, value = line.strip().split(":", 1)
            values[key] = value.strip().strip('"')
        elif inside:
            break
    return values


def text_field(value, width):
    data = value.encode("cp932")
    assert len(data) <= width, value
    return data + b" " * (width - len(data))


def number_field(value, width):
    return str(value).rjust(width, "0").encode("ascii")


def main():
    payees = {row["債権者コード"]: row for row in read_master(os.path.join(project, "Samples/payees.csv"))}
    encumbrances = {row["負担行為番号"]: row for row in read_master(os.path.join(project, "Samples/encumbrances.csv"))}
    branches = set()
    for path in glob.glob(os.path.join(project, "Samples/bank-master/branches/*.json")):
        bank = os.path.basename(path)[:4]
        branches.update((bank, branch) for branch in json.load(open(path, encoding="utf-8")))

    ledger = sqlite3.connect(ledger_path)
    ledger.executescript("""
        PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
        CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, job TEXT, as_of TEXT, read INTEGER, issued INTEGER, rejected INTEGER, skipped INTEGER);
        CREATE TABLE IF NOT EXISTS issued (key TEXT PRIMARY KEY, fingerprint TEXT, amount INTEGER, order_no TEXT, run INTEGER);
        CREATE TABLE IF NOT EXISTS sequences (name TEXT, year INTEGER, last INTEGER, PRIMARY KEY (name, year));
        CREATE TABLE IF NOT EXISTS balances (account TEXT PRIMARY KEY, spent INTEGER);
        CREATE TABLE IF NOT EXISTS outputs (run INTEGER, path TEXT, sha256 TEXT);
    """)
    cursor = ledger.cursor()
    cursor.execute("BEGIN")
    cursor.execute("INSERT INTO runs (job, as_of) VALUES ('peers', ?)", (as_of.isoformat(),))
    run = cursor.lastrowid

    folder = os.path.join(out_dir, "payment-list", as_of.isoformat())
    os.makedirs(folder, exist_ok=True)
    temporaries = {}

    def open_output(name):
        path = os.path.join(folder, name)
        temporaries[path] = open(path + ".tmp", "wb")
        return temporaries[path]

    import_file = open_output(f"accounting-import-run{run}.csv")
    columns = ["伝票区分", "会計年度", "会計区分", "支出命令番号", "命令日", "負担行為番号", "款", "項", "目", "節", "細節", "債権者コード",
               "登録番号", "債権者名", "支出金額", "支払予定日", "支払方法", "金融機関コード", "支店コード", "預金種目", "口座番号", "口座名義", "摘要", "請求書番号"]

    def csv_line(cells):
        quoted = ['"' + c.replace('"', '""') + '"' if any(ch in c for ch in ',"\r\n') else c for c in cells]
        return (",".join(quoted) + "\r\n").encode("cp932")

    import_file.write(csv_line(columns))

    zengin = requester()
    transfers = {}  # (date, fiscal year) → [file, count, total]
    rejects_rows, rejects_header = [], None
    counts = {"read": 0, "issued": 0, "rejected": 0, "skipped": 0}
    sequence = {}
    spent = {}
    earliest = as_of + datetime.timedelta(days=1)
    while not bank_business_day(earliest):
        earliest += datetime.timedelta(days=1)
    latest = as_of + datetime.timedelta(days=60)

    def start_transfer(due, fiscal_year, volume):
        """A 全銀 file: its header; volumes after the first are named -2, -3…"""
        suffix = f"-{volume}" if volume > 1 else ""
        file = open_output(f"sogo-furikomi-{due.strftime('%Y%m%d')}-fy{fiscal_year}-run{run}{suffix}.txt")
        file.write(b"1210" + number_field(zengin["requester_code"], 10) + text_field(zengin_name(half_width_kana(zengin["requester_name"])), 40)
                   + due.strftime("%m%d").encode() + number_field(zengin["bank_code"], 4)
                   + text_field(zengin_name(half_width_kana(zengin["bank_name"])), 15) + number_field(zengin["branch_code"], 3)
                   + text_field(zengin_name(half_width_kana(zengin["branch_name"])), 15) + number_field(zengin["account_type"], 1)
                   + number_field(zengin["account_number"], 7) + b" " * 17 + b"\r\n")
        return [file, 0, 0, volume]

    def finish_transfer(transfer):
        file, count, total, _ = transfer
        file.write(b"8" + number_field(count, 6) + number_field(total, 12) + b" " * 101 + b"\r\n" + b"9" + b" " * 119 + b"\r\n")

    def reject(row, reason):
        counts["rejected"] += 1
        rejects_rows.append(row + [reason])

    list_path = os.path.join(project, "Samples/payment-list.csv")
    with open(list_path, encoding="cp932", newline="") as f:
        reader = csv.reader(f)
        rejects_header = next(reader)
        for line, row in enumerate(reader, start=2):
            counts["read"] += 1
            record = dict(zip(rejects_header, (cell.strip() for cell in row)))
            payee = payees.get(record["債権者コード"])
            if payee is None:
                reject(row, f"line {line}: no payee {record['債権者コード']}")
                continue
            encumbrance = encumbrances.get(record["負担行為番号"])
            if encumbrance is None:
                reject(row, f"line {line}: no 負担行為 {record['負担行為番号']}")
                continue
            if (payee["金融機関コード"], payee["支店コード"]) not in branches:
                reject(row, f"line {line}: no bank branch {payee['金融機関コード']}-{payee['支店コード']}")
                continue
            amount = parse_yen(record["金額"])
            if amount is None:
                reject(row, f"line {line}: 金額 is not an amount")
                continue
            due = parse_date(record["支払予定日"])
            if due is None:
                reject(row, f"line {line}: 支払予定日 is not a date")
                continue
            while not bank_business_day(due):
                due += datetime.timedelta(days=1)
            fiscal_year = parse_fiscal_year(encumbrance["会計年度"])
            limit, already = parse_yen(encumbrance["負担行為額"]), parse_yen(encumbrance["支出済額"])
            setsu_in_list, setsu = digits(record["節"]), digits(encumbrance["節"])
            bank, branch = digits(payee["金融機関コード"]), digits(payee["支店コード"])
            account_type, account_no = digits(payee["預金種目"]), digits(payee["口座番号"])
            registration = payee["登録番号"]
            subject = record["件名"]
            if None in (fiscal_year, limit, already, setsu_in_list, setsu, bank, branch, account_type, account_no):
                reject(row, f"line {line}: a code or amount of the masters cannot be read")
                continue
            if not subject or len(subject) > 60:
                reject(row, f"line {line}: 件名 must be 1 to 60 characters")
                continue
            if not 1 <= amount <= 999_999_999:
                reject(row, f"line {line}: 金額 out of range")
                continue
            if not re.fullmatch(r"R[0-9]+-[0-9]{5}", record["負担行為番号"]):
                reject(row, f"line {line}: 負担行為番号 pattern")
                continue
            if setsu_in_list != setsu:
                reject(row, f"line {line}: 節が支出負担行為の節と異なる")
                continue
            if not re.fullmatch(r"T[0-9]{13}", registration):
                reject(row, f"line {line}: 登録番号がT＋13桁ではありません")
                continue
            if not corporate_number_valid(registration[1:]):
                print(f"warning: line {line}: 登録番号の検査数字が合わない", file=sys.stderr)
            if encumbrance["債権者コード"] != record["債権者コード"]:
                reject(row, f"line {line}: 負担行為の債権者と支払一覧の債権者が異なる")
                continue
            if account_type not in ("1", "2", "4", "9"):
                reject(row, f"line {line}: 預金種目")
                continue
            name = zengin_name(payee["口座名義カナ"])
            if len(bank) != 4 or len(branch) != 3 or not 1 <= len(account_no) <= 7 or name is None:
                reject(row, f"line {line}: the account cannot be written in a 全銀 file")
                continue

            key = f"{record['請求書番号']}:{registration}"
            fingerprint = hashlib.blake2b(repr((record["負担行為番号"], amount, due, bank, branch, account_type, account_no, name)).encode(),
                                          digest_size=8).hexdigest()
            earlier = cursor.execute("SELECT fingerprint FROM issued WHERE key = ?", (key,)).fetchone()
            if earlier is not None:
                if earlier[0] == fingerprint:
                    counts["skipped"] += 1
                else:
                    reject(row, f"line {line}: its key was issued before with other values")
                continue
            if not fiscal_year * 10000 + 401 <= int(as_of.strftime("%Y%m%d")) <= (fiscal_year + 1) * 10000 + 531:
                reject(row, f"line {line}: fiscal year {fiscal_year} is not open")
                continue
            if due < as_of or due < earliest or due > latest or due > datetime.date(fiscal_year + 1, 5, 31):
                reject(row, f"line {line}: the bank cannot pay on {due}")
                continue
            account = record["負担行為番号"]
            if account not in spent:
                stored = cursor.execute("SELECT spent FROM balances WHERE account = ?", (account,)).fetchone()
                spent[account] = stored[0] if stored else already
            if spent[account] + amount > limit:
                reject(row, f"line {line}: the 負担行為 balance is exceeded")
                continue
            spent[account] += amount
            if fiscal_year not in sequence:
                stored = cursor.execute("SELECT last FROM sequences WHERE name = '支出命令番号' AND year = ?", (fiscal_year,)).fetchone()
                sequence[fiscal_year] = stored[0] if stored else 0
            sequence[fiscal_year] += 1
            order_no = f"{sequence[fiscal_year]:06d}"
            cursor.execute("INSERT INTO issued VALUES (?, ?, ?, ?, ?)", (key, fingerprint, amount, order_no, run))
            counts["issued"] += 1

            import_file.write(csv_line([
                "21", str(fiscal_year), encumbrance["会計区分"], order_no, as_of.strftime("%Y%m%d"), account, encumbrance["款"],
                encumbrance["項"], encumbrance["目"], setsu, encumbrance["細節"], record["債権者コード"], registration, payee["名称"],
                str(amount), due.strftime("%Y%m%d"), "1", bank, branch, account_type, account_no, payee["口座名義カナ"], subject,
                record["請求書番号"]]))

            transfer = transfers.get((due, fiscal_year))
            if transfer is not None and (transfer[1] == 999_999 or transfer[2] + amount > 999_999_999_999):
                finish_transfer(transfer)  # the trailer's 6-digit count or 12-digit total is full: next volume
                transfer = transfers[(due, fiscal_year)] = start_transfer(due, fiscal_year, transfer[3] + 1)
            elif transfer is None:
                transfer = transfers[(due, fiscal_year)] = start_transfer(due, fiscal_year, 1)
            transfer[0].write(b"2" + number_field(bank, 4) + b" " * 15 + number_field(branch, 3) + b" " * 15 + b"0000"
                              + number_field(account_type, 1) + number_field(account_no, 7) + text_field(name, 30)
                              + number_field(amount, 10) + b"0" + text_field(order_no, 10) + b" " * 10 + b"7" + b" " * 8 + b"\r\n")
            transfer[1] += 1
            transfer[2] += amount

    for transfer in transfers.values():
        finish_transfer(transfer)
    if rejects_rows:
        rejects = open_output(f"rejects-run{run}-payments.csv")
        rejects.write(csv_line(rejects_header + ["却下理由"]))
        for row in rejects_rows:
            rejects.write(csv_line(row))

    for path, file in temporaries.items():
        file.flush()
        os.fsync(file.fileno())
        file.close()
        with open(path + ".tmp", "rb") as written:
            cursor.execute("INSERT INTO outputs VALUES (?, ?, ?)", (run, path, hashlib.file_digest(written, "sha256").hexdigest()))
    for year, last in sequence.items():
        cursor.execute("INSERT OR REPLACE INTO sequences VALUES ('支出命令番号', ?, ?)", (year, last))
    cursor.executemany("INSERT OR REPLACE INTO balances VALUES (?, ?)", spent.items())
    cursor.execute("UPDATE runs SET read = ?, issued = ?, rejected = ?, skipped = ? WHERE id = ?",
                   (counts["read"], counts["issued"], counts["rejected"], counts["skipped"], run))
    ledger.commit()
    for path in temporaries:
        os.rename(path + ".tmp", path)
    print(json.dumps(counts))


main()
