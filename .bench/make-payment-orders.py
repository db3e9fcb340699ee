#!/usr/bin/env python3
"""Builds a scratch project for the payment-order benchmark: the shipped Jobs/ and Samples/ with a
generated payment list of N orders and one 支出負担行為 per payee large enough for all of them.

Usage: make-payment-orders.py ROWS PROJECT_DIR
Writes PROJECT_DIR/Jobs (copied; plus orders-pdf.yaml and orders-no-pdf.yaml, below) and PROJECT_DIR/Samples (payees and bank master copied; payment-list.csv and
encumbrances.csv generated, CP932).
"""
import os
import random
import shutil
import sys

rows, project = int(sys.argv[1]), sys.argv[2]
repository = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
shutil.copytree(os.path.join(repository, "Jobs"), os.path.join(project, "Jobs"))
samples = os.path.join(project, "Samples")
os.makedirs(samples)
shutil.copy(os.path.join(repository, "Samples/payees.csv"), samples)
shutil.copytree(os.path.join(repository, "Samples/bank-master"), os.path.join(samples, "bank-master"))
random.seed(20261121)

payees = range(1, 7)  # P0001–P0006: valid 登録番号 and accounts in the shipped payee master
subjects = ["コピー用紙ほか消耗品（11月分）", "広報誌印刷, 1,000部", "庁内LAN保守委託料", "公用車修繕 ｶﾞｿﾘﾝ代含む", "会議室使用料①"]
dates = ["2026-11-30", "令和8年11月30日", "R8.11.30", "2026/12/10"]
with open(os.path.join(samples, "payment-list.csv"), "w", encoding="cp932", newline="") as f:
    f.write("整理番号,債権者コード,請求書番号,件名,金額,支払予定日,負担行為番号,節,細節,備考\r\n")
    for row in range(1, rows + 1):
        payee = payees[row % len(payees)]
        subject = subjects[row % len(subjects)]
        subject = f'"{subject}"' if "," in subject else subject
        amount = random.randint(1000, 9_999_999)
        f.write(f'{row},P{payee:04d},B-{row:08d},{subject},"{amount:,}",{dates[row % len(dates)]},R8-9{payee:04d},10,1,\r\n')

with open(os.path.join(samples, "encumbrances.csv"), "w", encoding="cp932", newline="") as f:
    f.write("負担行為番号,会計年度,会計区分,所属,款,款名,項,項名,目,目名,節,節名,細節,細節名,債権者コード,件名,負担行為額,支出済額\r\n")
    for payee in payees:
        f.write(f"R8-9{payee:04d},令和8年度,一般会計,総務部総務課,2,総務費,1,総務管理費,1,一般管理費,10,需用費,1,消耗品費,"
                f'P{payee:04d},消耗品の購入（単価契約）,"999,999,999,999",0\r\n')

# The two cases, cut from the shipped job: its PDF + accounting import + 全銀 outputs, and the
# same without the PDF (the register and the HTML schedule are left out of both).
with open(os.path.join(project, "Jobs/payment-list.yaml"), encoding="utf-8") as f:
    head, *blocks = f.read().split("\n  - format: ")
chosen = {"pdf": blocks[0], "import": blocks[1], "zengin": blocks[2]}
assert chosen["pdf"].startswith("pdf") and "payment-order-import" in chosen["import"] and chosen["zengin"].startswith("zengin")
for name, outputs in [("orders-pdf", ["pdf", "import", "zengin"]), ("orders-no-pdf", ["import", "zengin"])]:
    with open(os.path.join(project, f"Jobs/{name}.yaml"), "w", encoding="utf-8") as f:
        f.write("\n  - format: ".join([head.replace("job: payment-list\n", f"job: {name}\n")] + [chosen[o] for o in outputs]))
