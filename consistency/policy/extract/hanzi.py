"""Traditional Chinese characters folded to their Simplified forms, for matching only.

Policies from Taiwan and Hong Kong write 個人資料, 權限, 錄音, 通訊錄; the tables list
Simplified phrases (个人资料, 权限, 录音, 通讯录). Folding each Traditional character
to its Simplified form before matching lets one phrase match both scripts. The fold
is one character to one character, so offsets into the text never move and
evidence still shows the policy's own characters.

Regional words of the same length are folded too, before the characters, for the
same reason (簡訊 -> 短信, 資訊 -> 信息, 裝置 -> 设备, 蒐集 -> 收集, 影片 -> 视频): Taiwan and
Hong Kong policies say 裝置識別碼 where the tables say 设备识别码, and a fold of equal
length keeps every offset. Regional words of another length (行事曆 for 日历) are
listed as phrases in the tables instead.

Why a table and not a converter library: a converter changes lengths and words
freely, and the characters and words that occur in privacy policies are a few
hundred. Like the sentence
conventions in ``sentences``, this is a fact of the writing system, not knowledge
about data, so it lives in code. A character missing here only means a
Traditional phrase must be listed in the tables as well.
"""

from __future__ import annotations

import re

from ..charmap import CharMap

_TRADITIONAL = (
    "個資訊權錄麥風機攝聯絡與簡電話號碼傳輸蒐識別裝備設儲檔們會將這種於對應為並關係務閉啟動載屬處釋請說隱條紀記瀏覽歷曆尋網頁"
    "廣統計誌報錯誤當時間軟體驗臉紋證帳賬戶銀財訂單購買貨運達圖視頻點擊讀寫藍無線區測數熱裡醫療約議員協郵遞經緯實確準態標籤簽"
    "須獲發佈論評價複製貼後臺灣從雲據環變語顯螢類錶連結鏈維護紅賣營銷問題饋館開滿狀況壓溫氣脈週歲齡職業學駕駛詳細規範許認錢費"
    "額餘負債產節聲響樂鈴頭鏡觸擬韌邊鄰兒監給讓還進過裏內採則責書團隊級礎車導圍層樓觀聽廳廠廂雜閱筆夥豐優戲遊獎勵飛潰閃憑鍵盤"
    "勢選擇項總織際構穩鐘飲聞紙檢剛轉換調適遠藥診殺畫舊麼嗎幣壞軌跡幫奧劃勞匯嚴壽夠夾奪奮婦媽孫寧審寶專屆峽崗帶幾廢張彈彥徑徵"
    "憶懷戰擁擔擴敵斷晝暫東棄樣歡殘決沒淨減湯滅滯漢潔濟燈爭爾牆獨現畢異盡眾矯礙禮禍稱窮築粵糧納紐終組絕綜綠緊練縣縮績續義聖肅"
    "脅腦興舉艦莊華萬葉蓋藝蟲術衛補親覺討託訴詞試誠課談諾讚貝貴賓質贈趕趨軍輕輯辦農違邏鄉針鈕鋼鎖長門閒闆階隨險雙離難靈靜韓順"
    "預領顧飾驅髮鬥魚鳥齊龍"
)
_SIMPLIFIED = (
    "个资讯权录麦风机摄联络与简电话号码传输搜识别装备设储档们会将这种于对应为并关系务闭启动载属处释请说隐条纪记浏览历历寻网页"
    "广统计志报错误当时间软体验脸纹证帐账户银财订单购买货运达图视频点击读写蓝无线区测数热里医疗约议员协邮递经纬实确准态标签签"
    "须获发布论评价复制贴后台湾从云据环变语显萤类表连结链维护红卖营销问题馈馆开满状况压温气脉周岁龄职业学驾驶详细规范许认钱费"
    "额余负债产节声响乐铃头镜触拟韧边邻儿监给让还进过里内采则责书团队级础车导围层楼观听厅厂厢杂阅笔伙丰优戏游奖励飞溃闪凭键盘"
    "势选择项总织际构稳钟饮闻纸检刚转换调适远药诊杀画旧么吗币坏轨迹帮奥划劳汇严寿够夹夺奋妇妈孙宁审宝专届峡岗带几废张弹彦径征"
    "忆怀战拥担扩敌断昼暂东弃样欢残决没净减汤灭滞汉洁济灯争尔墙独现毕异尽众矫碍礼祸称穷筑粤粮纳纽终组绝综绿紧练县缩绩续义圣肃"
    "胁脑兴举舰庄华万叶盖艺虫术卫补亲觉讨托诉词试诚课谈诺赞贝贵宾质赠赶趋军轻辑办农违逻乡针钮钢锁长门闲板阶随险双离难灵静韩顺"
    "预领顾饰驱发斗鱼鸟齐龙"
)

TRADITIONAL_TO_SIMPLIFIED = str.maketrans(_TRADITIONAL + "暱", _SIMPLIFIED + "昵")
"""``str.translate`` table: Traditional character -> Simplified character."""
_TO_SIMPLIFIED = CharMap(TRADITIONAL_TO_SIMPLIFIED)

_REGIONAL_WORDS = {
    "資訊": "信息",
    "資料": "资料",
    "簡訊": "短信",
    "裝置": "设备",
    "蒐集": "收集",
    "影片": "视频",
    "搜尋": "搜索",
    "聯絡": "联系",
    "檔案": "文件",
    "儲存": "存储",
    "帳號": "账号",
    "當機": "崩溃",
    "感測器": "传感器",
    "紀錄": "记录",
    "相片": "照片",
}
"""Regional words as Taiwan and Hong Kong write them -> the tables' words, each of the same
length. Keyed by the Traditional spelling, so a mainland text is never changed by them
(mainland 资讯 is news, not 信息)."""

_REGIONAL = re.compile("|".join(sorted(_REGIONAL_WORDS, key=len, reverse=True)))


def fold_chinese(text: str) -> str:
    """Simplified characters and mainland words, at the same length as ``text``."""
    if _REGIONAL.search(text):
        text = _REGIONAL.sub(lambda m: _REGIONAL_WORDS[m.group()], text)
    return _TO_SIMPLIFIED.apply(text)
