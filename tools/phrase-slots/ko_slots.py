#!/usr/bin/env python3
"""Prints the ko_*_5 slot block of rules/default.yaml (Korean harm verbs fused with their endings,
groups with their particles, vermin comparisons), which the phrase syntax cannot spell out by
itself: Korean writes a verb and its ending as one word. Paste the output over the block that
begins "# Fifth corpus (Korean)" just above `rules:`.

    python3 tools/phrase-slots/ko_slots.py
"""
import json, re
def has_batchim(s):
    c = ord(s[-1]);
    return 0xAC00 <= c <= 0xD7A3 and (c - 0xAC00) % 28 != 0
def q(x): return json.dumps(x, ensure_ascii=False)
def slot(name, items):
    seen=[]; [seen.append(i) for i in items if i not in seen]
    return f"  {name}: [" + ", ".join(q(i) for i in seen) + "]"

# harm verbs in the connective -아/어 form (what 버리다/주다 attach to)
# harm verbs in the connective -아/어 form. Tier A takes any ending (-버린다, -줄게, -주자);
# tier B only the -버리다 ones ("쏴 줄게" is "I'll treat you", "찢어 줄게" tears paper).
harm_conn = ["죽여","패","때려","두들겨 패","족쳐","쳐죽여","패죽여","때려죽여","목 졸라","목을 졸라","목 비틀어","목을 비틀어","모가지 비틀어","모가지를 비틀어",
  "부러뜨려","분질러","작살내","불 질러","불질러","목 매달아","목매달아","찔러 죽여","쏴 죽여","밟아 죽여","찢어 죽여"]
harm_conn_b = ["쏴","찔러","찢어","짓밟아","불태워","비틀어","담가","조져"]
# first-person future endings said to the victim
fut1 = ["버린다","버릴게","버릴께","버릴게요","버리겠다","버리겠어","버리겠음","버림","버릴거다","버릴거야","버릴 거다","버릴 거야","버릴 테다","버릴테다","버릴 테니","버릴테니",
  "줄게","줄께","주마","주겠다","주겠어","줄거다","줄거야","줄 거다","줄 거야","놓는다","놓을게","놓겠다"]
# calls on others: -자, imperative, "must"
imp = ["버리자","버려라","버려","버립시다","버려야지","버려야 돼","버려야 한다","버려야 함","줘라","주자","버리든가","버리던가"]
bur = lambda es: [e for e in es if e.startswith("버")]
fut_fused = [s+e for s in harm_conn for e in fut1 if " " not in e] + [s+e for s in harm_conn_b for e in bur(fut1) if " " not in e]
imp_fused = [s+e for s in harm_conn for e in imp if " " not in e] + [s+e for s in harm_conn_b for e in bur(imp) if " " not in e]
# plain -자 and imperative forms of killing/burning/beating verbs (no 버리다)
let_kill = ["죽이자","때려죽이자","쳐죽이자","패죽이자","패 죽이자","때려 죽이자","쳐 죽이자","불 지르자","불지르자","불 싸지르자","찔러 죽이자","쏴 죽이자","쏴죽이자",
  "총살하자","처형하자","목매달자","목 매달자","린치하자","두들겨패자","두들겨 패자","때려 패자","흠씬 패자","죽도록 패자","실컷 패자","족치자","작살내자",
  "죽여라","때려죽여라","쳐죽여라","목 매달아라","두들겨 패라","족쳐라","패 죽여라","쏴 죽여라"]
# objects hurled or weapons taken up
missile = ["화염병","화염병을","화염병이라도","돌","돌을","돌이라도","벽돌","벽돌을","염산","염산을","오물","오물을","폭탄","폭탄을","계란","계란을","똥물","똥물을"]
throw_imp = ["던져라","던지자","던져버려","던져버려라","던져버리자","던져 버려","던져 버려라","던져 버리자","던집시다","던져야지","던져야 한다","뿌려라","뿌리자","뿌려버려","뿌려버리자","뿌려 버리자"]
weapon = ["몽둥이","몽둥이로","몽둥이를","몽둥이 들고","각목","각목으로","각목 들고","쇠파이프","쇠파이프로","쇠파이프 들고","야구방망이","야구방망이로","야구 방망이로","죽창","죽창으로","죽창을","죽창 들고","낫으로","곡괭이로","칼로","칼 들고","총으로","화염병으로"]
# groups of people named by who they are (with their particles)
people_nouns = ["여자","여성","여편네","여자애","계집","김치녀","페미","페미니스트","게이","레즈","레즈비언","동성애자","성소수자","트랜스젠더","호모",
  "무슬림","이슬람교도","난민","이민자","이주민","외국인","외노자","외국인 노동자","이주 노동자","이주노동자","조선족","흑인","장애인","탈북자",
  "중국인","짱깨","쪽바리","일본인","다문화","동남아인","유대인","아랍인","홍어","틀딱","노인네","무슬림 난민","불법체류자"]
def particles(n):
    b = has_batchim(n)
    return [n+("은" if b else "는"), n+("이" if b else "가"), n+"도", n+"들", n+"들*", n+("이란" if b else "란"), n+"놈들*", n+"새끼들*", n+"년들*", n+"것들*"]
people = [f for n in people_nouns for f in particles(n)] + ["이슬람은","이슬람이","이슬람들*","이슬람놈들*"]
people_bare = [n for n in people_nouns if n not in ("여성",)]
# what a group is called: criminal, ill, vermin (said as the predicate: -다, -이다, -라서 ...)
hate_nouns = ["정신병자","정신질환자","테러리스트","테러범","범죄자","강간범","성범죄자","사기꾼","도둑","도둑놈","살인마","변태","소아성애자","미개인","야만인",
  "기생충","쓰레기","짐승","암덩어리","사회악","악마","세금도둑","세금 도둑","세금벌레","범죄 집단","범죄집단","잠재적 범죄자","잠재적 테러리스트","병자","정신병"]
def cop(n):
    b = has_batchim(n)
    out=[]
    for base in (n, n+"들"):
        bb = has_batchim(base)
        if bb: out += [base+x for x in ["이다","이야","이지","임","이라서","이니까","이잖아","이라","이고","이네","이란다","이거든","인데"]]
        else: out += [base+x for x in ["다","야","지","임","라서","니까","잖아","라","고","네","란다","거든","인데"]]
    return out
hate_cop = [f for n in hate_nouns for f in cop(n)]
# vermin and disease
vermin = ["바퀴벌레","벌레","쥐새끼","쥐떼","메뚜기","메뚜기 떼","메뚜기떼","해충","구더기","기생충","진드기","거머리",
  "짐승","개돼지","원숭이","들개","하이에나","좀비","버러지","개떼","개미떼"]
disease = ["바이러스","병균","세균","전염병","암덩어리","암세포","종양","독버섯","곰팡이"]
vermin_bare = vermin
def vcmp(n):
    b = has_batchim(n); out=[n+"처럼", n+"같은", n+"같다", n+"같이", n+"떼처럼", n+"새끼들", n+"만도"]
    for base in (n, n+"들"):
        bb = has_batchim(base)
        out += [base+x for x in (["이다","이야","임","이라서","이니까","이지","이잖아","이고","이라","인데"] if bb else ["다","야","임","라서","니까","지","잖아","고","라","인데"])]
    return out
vermin_cmp = [f for v in vermin_bare for f in vcmp(v)] + [f for v in disease for f in vcmp(v)] + ["메뚜기 떼처럼","메뚜기 떼같이","쥐 떼처럼","벌레 떼처럼"]
person_noun = ["사람이","인간이","군인이","병사가","군대가","군인들이","병사들이","사람들이","인간들이","국민이","국민들이","민족이","시민이","놈들이","애들이","정치인이","의원들이","기자가","기자들이","사람","인간"]
contempt_adj = ["한심한","찌질한","멍청한","무식한","비겁한","역겨운","더러운","추잡한","천박한","덜떨어진","모자란","골빈","머저리 같은","미련한","저능한","하찮은","비열한","치졸한","모지리"]
pity_adj = ["불쌍한","가엾은","가여운","딱한","처량한"]
insult_noun_one = ["놈","놈아","놈이*","놈들아","년","년아","년이*","새끼*","새기*","자식*","녀석*","인간아","인간이네*","인간이구나*","인간이다","것아","족속*","버러지*","쓰레기*","양반아","영감아","잉여*"]
pity_noun = ["놈","놈아","놈이네*","놈이구나*","놈이다","놈이야","년","년아","년이네*","인간아","인간이네*","인간이구나*","것아","족속*","자식아","녀석아","중생*","잉여*","찐따*"]

body = ["이빨을","이빨","이를","눈깔을","눈깔","눈알을","눈알","손톱을","혓바닥을","혀를","모가지를","모가지","손모가지를","손모가지","팔을","다리를","팔다리를","뼈를","갈비뼈를","대가리를","머리통을","주둥이를","아가리를","목을"]
body_verb = ["뽑아","잘라","터뜨려","뜯어","으깨","뭉개","꺾어","날려","부숴","깨"]
body_fused = [v+e for v in body_verb for e in fut1 + imp if " " not in e]
slots = [
 slot("ko_body_5", body), slot("ko_body_verb_5", body_verb), slot("ko_body_fused_5", body_fused),
 slot("ko_harm_conn_5", harm_conn), slot("ko_harm_conn_b_5", harm_conn_b), slot("ko_fut1_5", fut1), slot("ko_fut1_b_5", bur(fut1)), slot("ko_imp_5", imp), slot("ko_imp_b_5", bur(imp)),
 slot("ko_harm_fut_fused_5", fut_fused), slot("ko_harm_imp_fused_5", imp_fused), slot("ko_let_kill_5", let_kill),
 slot("ko_missile_5", missile), slot("ko_throw_imp_5", throw_imp), slot("ko_weapon_5", weapon),
 slot("ko_people_5", people), slot("ko_people_bare_5", people_bare), slot("ko_hate_cop_5", hate_cop),
 slot("ko_vermin_5", vermin_bare), slot("ko_disease_5", disease), slot("ko_animal_cmp_5", [f for v in vermin_bare for f in vcmp(v)]), slot("ko_vermin_cmp_5", vermin_cmp),
 slot("ko_person_noun_5", person_noun), slot("ko_contempt_adj_5", contempt_adj), slot("ko_pity_adj_5", pity_adj), slot("ko_insult_noun_5", insult_noun_one), slot("ko_pity_noun_5", pity_noun),
]
import sys; sys.stdout.write("  # Fifth corpus (Korean): harm verbs with first-person future or -자/imperative endings, groups with demeaning predicates, vermin comparisons.\n" + "\n".join(slots)+"\n")
