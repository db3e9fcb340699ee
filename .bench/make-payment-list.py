#!/usr/bin/env python3
"""Builds a scratch project for the side-by-side benchmark (`bash .ci/bench peers`): the shipped
payment-list job cut to its accounting import and 全銀 outputs (`Jobs/peers.yaml`), with a generated
payment list as real lists come: invoice numbers in no order, payees drawn at random from a master
of PAYEES, and about 1 % of rows a 会計課 rejects (an amount written wrongly, a 節 that is not the
負担行為's, a subject too long, an unknown payee, a date that does not exist) and about 0.5 % that
repeat an invoice already on the list.

Usage: make-payment-list.py ROWS PROJECT_DIR [--payees N]   (N defaults to 1000)
All inputs are CP932 with CRLF, as Excel saves them. The same seed gives the same files.
"""
import argparse
import os
import random
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("rows", type=int)
parser.add_argument("project")
parser.add_argument("--payees", type=int, default=1000)
arguments = parser.parse_args()
rows, project = arguments.rows, arguments.project
repository = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
shutil.copytree(os.path.join(repository, "Jobs"), os.path.join(project, "Jobs"))
samples = os.path.join(project, "Samples")
os.makedirs(samples)
shutil.copytree(os.path.join(repository, "Samples/bank-master"), os.path.join(samples, "bank-master"))
random.seed(20261202)


def corporate_number(base12: int) -> str:
    """A 法人番号: the check digit, then the 12 digits (docs/domain.md §4)."""
    digits = f"{base12:012d}"
    total = sum(int(d) * (1 if n % 2 == 0 else 2) for n, d in enumerate(reversed(digits)))
    return f"{9 - total % 9}{digits}"


def encumbrance(payee: int) -> str:
    """The payee's 支出負担行為番号 (the job's pattern is R + digits, a hyphen and 5 digits)."""
    return f"R8{payee // 100_000}-{payee % 100_000:05d}"


branches = [("0001", "001"), ("0005", "001"), ("0005", "123"), ("0009", "456"), ("0010", "300"), ("0017", "081"), ("9900", "018")]
kinds = [("株式会社", "ｶ)", ""), ("有限会社", "ﾕ)", ""), ("", "", "(ｶ"), ("合同会社", "ﾄﾞ)", "")]
kana = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜ"
payees = arguments.payees
with open(os.path.join(samples, "payees.csv"), "w", encoding="cp932", newline="") as f:
    f.write("債権者コード,登録番号,名称,住所,金融機関コード,支店コード,預金種目,口座番号,口座名義カナ\r\n")
    for payee in range(1, payees + 1):
        bank, branch = branches[payee % len(branches)]
        before, kana_before, kana_after = kinds[payee % len(kinds)]
        word = "".join(random.choice(kana) for _ in range(random.randint(3, 8)))
        name = f"{before}みどり商会{payee}号" if before else f"みどり商店{payee}号株式会社"
        f.write(f"P{payee:06d},T{corporate_number(10_000_000 + payee * 7)},{name},東京都みどり市中央{payee % 9 + 1}丁目{payee % 30 + 1}番,"
                f"{bank},{branch},{1 + payee % 2},{random.randint(1, 9_999_999):07d},{kana_before}{word}{payee}{kana_after}\r\n")

with open(os.path.join(samples, "encumbrances.csv"), "w", encoding="cp932", newline="") as f:
    f.write("負担行為番号,会計年度,会計区分,所属,款,款名,項,項名,目,目名,節,節名,細節,細節名,債権者コード,件名,負担行為額,支出済額\r\n")
    for payee in range(1, payees + 1):
        f.write(f"{encumbrance(payee)},令和8年度,一般会計,総務部総務課,2,総務費,1,総務管理費,1,一般管理費,10,需用費,1,消耗品費,"
                f'P{payee:06d},消耗品の購入（単価契約）,"999,999,999,999",0\r\n')

subjects = ["コピー用紙ほか消耗品（11月分）", "広報誌印刷, 1,000部", "庁内LAN保守委託料", "公用車修繕 ｶﾞｿﾘﾝ代含む", "会議室使用料①"]
dates = ["2026-11-30", "令和8年11月30日", "R8.11.30", "2026/12/10", "2026-12-25"]
invoices = list(range(1, rows + 1))
random.shuffle(invoices)
issued = []  # (line, invoice, payee) of rows written without a fault
with open(os.path.join(samples, "payment-list.csv"), "w", encoding="cp932", newline="") as f:
    f.write("整理番号,債権者コード,請求書番号,件名,金額,支払予定日,負担行為番号,節,細節,備考\r\n")
    for row in range(1, rows + 1):
        payee = random.randint(1, payees)
        invoice = f"B-{invoices[row - 1]:08d}"
        subject = subjects[row % len(subjects)]
        amount = f"{random.randint(1000, 9_999_999):,}"
        due, setsu, code = dates[row % len(dates)], 10, f"P{payee:06d}"
        fault = random.random()
        if 0.010 <= fault < 0.015 and issued:
            line, invoice, payee = random.choice(issued)
            if fault < 0.0125:  # the same row pasted twice: skipped as already issued
                f.write(line)
                continue
            code = f"P{payee:06d}"  # the same invoice with another amount: a conflict, rejected
        elif fault < 0.002:
            amount = amount[:-2]  # 1,234,5 is no amount
        elif fault < 0.004:
            setsu = 11
        elif fault < 0.006:
            subject = "コピー用紙" * 13
        elif fault < 0.008:
            code = f"P{payees + 1:06d}"
        elif fault < 0.010:
            due = "2026-11-31"
        subject = f'"{subject}"' if "," in subject else subject
        line = f'{row},{code},{invoice},{subject},"{amount}",{due},{encumbrance(payee)},{setsu},1,\r\n'
        f.write(line)
        if fault >= 0.015:
            issued.append((line, invoice, payee))

# The shipped job, cut to the two outputs the peers write too: the accounting import and the 全銀
# files (the PDF, the register and the HTML schedule are left out).
with open(os.path.join(project, "Jobs/payment-list.yaml"), encoding="utf-8") as f:
    head, *blocks = f.read().split("\n  - format: ")
assert "payment-order-import" in blocks[1] and blocks[2].startswith("zengin")
head = head.replace("job: payment-list\n", "job: peers\n")
head = head[:head.index("schedule:")] + head[head.index("savings:"):]
with open(os.path.join(project, "Jobs/peers.yaml"), "w", encoding="utf-8") as f:
    f.write("\n  - format: ".join([head, blocks[1], blocks[2]]).rstrip() + "\n")
