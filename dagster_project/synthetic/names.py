"""Realistic Chinese names: common surnames by frequency and gendered given-name characters."""

from __future__ import annotations

import numpy as np

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_MALE = "伟强磊军勇杰涛斌超明辉刚健鹏华飞俊峰浩宇波志鑫龙建平东林亮成帅凯彬云海江文兵旭"
_FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪琳萍红梅兰颖倩洁莉琴蓉佳慧月晶丹欣怡璐瑶媛"


def make_names(rng: np.random.Generator, male: np.ndarray) -> list[str]:
    """One name per person: a surname weighted toward the common ones and 1-2 given characters."""
    n = len(male)
    weights = 1.0 / np.arange(1, len(_SURNAMES) + 1) ** 0.8
    surname = rng.choice(len(_SURNAMES), size=n, p=weights / weights.sum())
    two_chars = rng.random(n) < 0.7
    first = rng.integers(0, 1 << 30, size=n)
    second = rng.integers(0, 1 << 30, size=n)
    names = []
    for i in range(n):
        pool = _MALE if male[i] else _FEMALE
        given = pool[first[i] % len(pool)]
        if two_chars[i]:
            given += pool[second[i] % len(pool)]
        names.append(_SURNAMES[surname[i]] + given)
    return names
