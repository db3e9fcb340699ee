#!/usr/bin/env python3
"""Writes synthetic property-inquiry inputs: a CP932 delinquent list (滞納者一覧) and the inquiry
targets XML (照会先一覧). Everyone is made up; names are drawn from common surnames and given names.

Usage: make-delinquents.py PEOPLE OUT_DIR [--bench]
  Samples/delinquents.csv and Samples/inquiry-targets.xml are this script at 300 people.
  With --bench every person gets the 4 standing branches and no one is broken (200,000 letters
  from 50,000 people).
Rows mimic a tax system's export: 和暦 birth dates in several forms (昭和45年3月2日, S45.3.2,
平成元年1月8日), full-width digits, a 旧住所 for some, My Number for some; a few rows are broken
on purpose (a bad My Number check digit, an unknown 税目, a branch missing from the bank master).
"""
import os
import random
import sys

people, out = int(sys.argv[1]), sys.argv[2]
bench = "--bench" in sys.argv[3:]
os.makedirs(out, exist_ok=True)
random.seed(20261121)

surnames = [("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"), ("渡辺", "ワタナベ"),
            ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
            ("佐々木", "ササキ"), ("松本", "マツモト"), ("井上", "イノウエ"), ("木村", "キムラ"), ("齋藤", "サイトウ"), ("髙橋", "タカハシ")]
given = [("太郎", "タロウ"), ("花子", "ハナコ"), ("一郎", "イチロウ"), ("由美", "ユミ"), ("健", "ケン"), ("明美", "アケミ"),
         ("翔太", "ショウタ"), ("美咲", "ミサキ"), ("大輔", "ダイスケ"), ("恵子", "ケイコ"), ("浩", "ヒロシ"), ("陽子", "ヨウコ")]
towns = ["中央", "桜町", "東町", "北町", "西新井町", "南台", "緑が丘"]
kanji_numbers = "一二三四五六七八九"


def my_number(base11):
    digits = [int(c) for c in base11]
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(reversed(digits), start=1))
    remainder = total % 11
    return base11 + str(0 if remainder <= 1 else 11 - remainder)


def birth(i):
    eras = [("昭和", "S", 1926, 20, 63), ("平成", "H", 1989, 1, 15)]
    name, letter, start, low, high = eras[0] if i % 5 else eras[1]
    year = low + i % (high - low + 1)
    month, day = 1 + i % 12, 1 + i % 28
    if i % 97 == 0:
        return "平成元年1月8日"          # the first day of 平成
    if i % 101 == 0:
        return "昭和64年1月7日"          # the last day of 昭和
    if i % 4 == 1:
        return f"{letter}{year}.{month}.{day}"
    shown = "元" if year == 1 else str(year)
    if i % 4 == 2:
        shown = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in shown)
    return f"{name}{shown}年{month}月{day}日"


standing = [("0005", "123"), ("0009", "456"), ("0010", "300")] + ([("0017", "081")] if bench else [])
extra = [("0017", "081"), ("0001", "001"), ("9900", "018")]
rows, individual = [], []
for i in range(1, people + 1):
    surname, surname_kana = surnames[i % len(surnames)]
    first, first_kana = given[(i * 7) % len(given)]
    number = f"{100000 + i * 37:08d}"
    town = towns[i % len(towns)]
    address = f"東京都みどり市{town}{kanji_numbers[i % 9]}丁目{1 + i % 20}番{1 + i % 9}号"
    old = f"埼玉県所沢市{towns[(i + 3) % len(towns)]}{1 + i % 30}番地" if i % 6 == 0 else ""
    taxes = ["市県民税", "固定資産税", "市県民税、固定資産税"][i % 3]
    arrears = random.choice([3_000, 8_000, 45_600, 128_000, 356_200, 1_284_500]) + i
    due = ["2026-03-31", "令和8年5月31日", "R8.7.31", "2026/09/30"][i % 4]
    mine = my_number(f"{(i * 7919) % 10**11:011d}") if i % 5 == 0 else ""
    if not bench and i == 15:
        mine = mine[:-1] + str((int(mine[-1]) + 1) % 10)     # a wrong check digit
        arrears = 128_015
    if not bench and i == 29:
        taxes = "入湯税"                                       # no legal basis configured
    rows.append([number, f"{surname}　{first}", f"{surname_kana} {first_kana}", birth(i), address, old, taxes,
                 f"{arrears:,}", due, mine])
    if not bench and i % 3 == 0:
        individual.append((number, [extra[(i // 3) % len(extra)]]))
    if not bench and i == 41:
        individual.append((number, [("0005", "999")]))          # a branch the bank master lacks

with open(os.path.join(out, "delinquents.csv"), "w", encoding="cp932", newline="") as f:
    f.write("宛名番号,氏名,フリガナ,生年月日,住所,旧住所,税目,滞納額,納期限,個人番号\r\n")
    for row in rows:
        f.write(",".join(f'"{v}"' if "," in v else v for v in row) + "\r\n")

with open(os.path.join(out, "inquiry-targets.xml"), "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    f.write("<!-- 照会先一覧: the standing list asks every selected person's banks; 個別照会先 adds branches per person. -->\n")
    f.write('<照会先一覧 作成日="2026-11-20" 作成者="納税課">\n  <共通照会先>\n')
    for bank, branch in standing:
        f.write(f'    <照会先 金融機関コード="{bank}" 支店コード="{branch}"/>\n')
    f.write("  </共通照会先>\n")
    for number, targets in individual:
        f.write(f'  <個別照会先 宛名番号="{number}">\n')
        for bank, branch in targets:
            f.write(f'    <照会先 金融機関コード="{bank}" 支店コード="{branch}"/>\n')
        f.write("  </個別照会先>\n")
    f.write("</照会先一覧>\n")
