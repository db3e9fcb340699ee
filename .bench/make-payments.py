#!/usr/bin/env python3
"""Writes a synthetic CP932 payment list for the benchmark: N rows, one payee master.

Usage: make-payments.py ROWS OUT_DIR
Rows mimic what staff export: kanji, half-width kana, ㈱/髙, quoted commas, full-width digits,
和暦 dates, about 1 % of rows broken so the reject path is exercised too.
"""
import os
import random
import sys

rows, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
random.seed(20261121)

def corporate(base12):
    digits = [int(c) for c in base12]
    total = sum(v * (1 if i % 2 == 0 else 2) for i, v in enumerate(reversed(digits)))
    return str(9 - total % 9) + base12

names = ["株式会社みどり文具", "有限会社さくら印刷", "合同会社ひかりシステム", "株式会社髙橋商事", "㈱山田製作所", "みどり清掃協同組合"]
with open(os.path.join(out, "payees.csv"), "w", encoding="cp932", newline="") as f:
    f.write("債権者コード,登録番号,名称,金融機関コード,支店コード\r\n")
    for i in range(1000):
        f.write(f"P{i:05d},T{corporate(f'{i:012d}')},{names[i % len(names)]}{i},{i % 9000 + 1:04d},{i % 900 + 100:03d}\r\n")

subjects = ["コピー用紙ほか消耗品（11月分）", "広報誌印刷, 1,000部", "庁内LAN保守委託料", "公用車修繕 ｶﾞｿﾘﾝ代含む", "会議室使用料①"]
dates = ["2026-11-30", "令和8年11月30日", "R8.11.30", "2026/11/30"]
with open(os.path.join(out, "payments.csv"), "w", encoding="cp932", newline="") as f:
    f.write("整理番号,債権者コード,請求書番号,件名,金額,支払予定日,節\r\n")
    for i in range(rows):
        if i % 100 == 99:
            f.write(f'{i},P{i % 1000:05d},B{i},"壊れた"行,1,2026-11-30,10\r\n')
            continue
        amount = random.randint(1000, 9_999_999)
        text = f"{amount:,}" if i % 3 else "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in str(amount))
        subject = subjects[i % len(subjects)]
        subject = f'"{subject}"' if "," in subject else subject
        f.write(f'{i},P{i % 1000:05d},INV-{i:08d},{subject},"{text}",{dates[i % len(dates)]},{10 + i % 3}\r\n')
