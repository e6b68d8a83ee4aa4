"""Write the damaged lines that the do-no-harm scripts put at the head of
clean documents (internal/mojibake/cmd/noharm -prefix), one file each,
prefix-NAME in the directory given:

  misaligned   the first example of ARTIFACTS.md section 2 (misaligned GBK)
  utf8-gbk     a Simplified sentence, UTF-8 read as GBK
  utf8-cp1252  the same read as windows-1252
  gbk-big5     the same, GBK read as Big5 (its punctuation too)
  big5-gbk     a Traditional sentence, Big5 read as GBK (U+FFFD where GBK
               has no character)

Usage: python3 scripts/damaged_lines.py DIR
"""
import sys

out = sys.argv[1]
simp = '我们今天讨论的问题，经济发展需要进一步研究。'
trad = '無法配置記憶體給程式標頭區使用，允許應用程式延遲系統關機。'
lines = {
    'misaligned': '印發文件?!秾嵤┮庖姟穼ψセ鶎狱h建工作。',
    'utf8-gbk': simp.encode('utf-8').decode('gbk', errors='replace'),
    'utf8-cp1252': simp.encode('utf-8').decode('cp1252', errors='replace'),
    'gbk-big5': simp.encode('gbk').decode('big5', errors='replace'),
    'big5-gbk': trad.encode('big5').decode('gbk', errors='replace'),
}
for name, line in lines.items():
    with open(f'{out}/prefix-{name}', 'w', encoding='utf-8') as w:
        w.write(line)
