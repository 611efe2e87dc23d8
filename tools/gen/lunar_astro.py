"""The astronomy behind tools/gen/gen_lunar.py, written from the formulas of
J. Meeus, Astronomical Algorithms, 2nd ed. (1998), chapter numbers below.
Times are Julian days: JDE in Terrestrial Time, JD in Universal Time.
Python 3 standard library only.
"""
import math

J2000 = 2451545.0

# Earth's heliocentric ecliptic longitude L and radius vector R, VSOP87D
# (Bretagnon & Francou 1988) abridged as in Meeus Appendix III / ch. 32.
# Rows (A, B, C): A cos(B + C tau), A in 1e-8 rad (L) or 1e-8 AU (R), tau in
# Julian millennia from J2000.0 (TT).  Series n is multiplied by tau**n.
EARTH_L = (
    ((175347046, 0, 0), (3341656, 4.6692568, 6283.07585),
     (34894, 4.6261, 12566.1517), (3497, 2.7441, 5753.3849),
     (3418, 2.8289, 3.5231), (3136, 3.6277, 77713.7715),
     (2676, 4.4181, 7860.4194), (2343, 6.1352, 3930.2097),
     (1324, 0.7425, 11506.7698), (1273, 2.0371, 529.691),
     (1199, 1.1096, 1577.3435), (990, 5.233, 5884.927),
     (902, 2.045, 26.298), (857, 3.508, 398.149), (780, 1.179, 5223.694),
     (753, 2.533, 5507.553), (505, 4.583, 18849.228),
     (492, 4.205, 775.523), (357, 2.92, 0.067), (317, 5.849, 11790.629),
     (284, 1.899, 796.298), (271, 0.315, 10977.079),
     (243, 0.345, 5486.778), (206, 4.806, 2544.314),
     (205, 1.869, 5573.143), (202, 2.458, 6069.777),
     (156, 0.833, 213.299), (132, 3.411, 2942.463), (126, 1.083, 20.775),
     (115, 0.645, 0.98), (103, 0.636, 4694.003), (102, 0.976, 15720.839),
     (102, 4.267, 7.114), (99, 6.21, 2146.17), (98, 0.68, 155.42),
     (86, 5.98, 161000.69), (85, 1.3, 6275.96), (85, 3.67, 71430.7),
     (80, 1.81, 17260.15), (79, 3.04, 12036.46), (75, 1.76, 5088.63),
     (74, 3.5, 3154.69), (74, 4.68, 801.82), (70, 0.83, 9437.76),
     (62, 3.98, 8827.39), (61, 1.82, 7084.9), (57, 2.78, 6286.6),
     (56, 4.39, 14143.5), (56, 3.47, 6279.55), (52, 0.19, 12139.55),
     (52, 1.33, 1748.02), (51, 0.28, 5856.48), (49, 0.49, 1194.45),
     (41, 5.37, 8429.24), (41, 2.4, 19651.05), (39, 6.17, 10447.39),
     (37, 6.04, 10213.29), (37, 2.57, 1059.38), (36, 1.71, 2352.87),
     (36, 1.78, 6812.77), (33, 0.59, 17789.85), (30, 0.44, 83996.85),
     (30, 2.74, 1349.87), (25, 3.16, 4690.48)),
    ((628331966747, 0, 0), (206059, 2.678235, 6283.07585),
     (4303, 2.6351, 12566.1517), (425, 1.59, 3.523), (119, 5.796, 26.298),
     (109, 2.966, 1577.344), (93, 2.59, 18849.23), (72, 1.14, 529.69),
     (68, 1.87, 398.15), (67, 4.41, 5507.55), (59, 2.89, 5223.69),
     (56, 2.17, 155.42), (45, 0.4, 796.3), (36, 0.47, 775.52),
     (29, 2.65, 7.11), (21, 5.34, 0.98), (19, 1.85, 5486.78),
     (19, 4.97, 213.3), (17, 2.99, 6275.96), (16, 0.03, 2544.31),
     (16, 1.43, 2146.17), (15, 1.21, 10977.08), (12, 2.83, 1748.02),
     (12, 3.26, 5088.63), (12, 5.27, 1194.45), (12, 2.08, 4694.0),
     (11, 0.77, 553.57), (10, 1.3, 6286.6), (10, 4.24, 1349.87),
     (9, 2.7, 242.73), (9, 5.64, 951.72), (8, 5.3, 2352.87),
     (6, 2.65, 9437.76), (6, 4.67, 4690.48)),
    ((52919, 0, 0), (8720, 1.0721, 6283.0758), (309, 0.867, 12566.152),
     (27, 0.05, 3.52), (16, 5.19, 26.3), (16, 3.68, 155.42),
     (10, 0.76, 18849.23), (9, 2.06, 77713.77), (7, 0.83, 775.52),
     (5, 4.66, 1577.34), (4, 1.03, 7.11), (4, 3.44, 5573.14),
     (3, 5.14, 796.3), (3, 6.05, 5507.55), (3, 1.19, 242.73),
     (3, 6.12, 529.69), (3, 0.31, 398.15), (3, 2.28, 553.57),
     (2, 4.38, 5223.69), (2, 3.75, 0.98)),
    ((289, 5.844, 6283.076), (35, 0, 0), (17, 5.49, 12566.15),
     (3, 5.2, 155.42), (1, 4.72, 3.52), (1, 5.3, 18849.23),
     (1, 5.97, 242.73)),
    ((114, 3.142, 0), (8, 4.13, 6283.08), (1, 3.84, 12566.15)),
    ((1, 3.14, 0),),
)
EARTH_R = (
    ((100013989, 0, 0), (1670700, 3.0984635, 6283.07585),
     (13956, 3.05525, 12566.1517), (3084, 5.1985, 77713.7715),
     (1628, 1.1739, 5753.3849), (1576, 2.8469, 7860.4194),
     (925, 5.453, 11506.77), (542, 4.564, 3930.21), (472, 3.661, 5884.927),
     (346, 0.964, 5507.553), (329, 5.9, 5223.694), (307, 0.299, 5573.143),
     (243, 4.273, 11790.629), (212, 5.847, 1577.344),
     (186, 5.022, 10977.079), (175, 3.012, 18849.228),
     (110, 5.055, 5486.778), (98, 0.89, 6069.78), (86, 5.69, 15720.84),
     (86, 1.27, 161000.69), (65, 0.27, 17260.15), (63, 0.92, 529.69),
     (57, 2.01, 83996.85), (56, 5.24, 71430.7), (49, 3.25, 2544.31),
     (47, 2.58, 775.52), (45, 5.54, 9437.76), (43, 6.01, 6275.96),
     (39, 5.36, 4694.0), (38, 2.39, 8827.39), (37, 0.83, 19651.05),
     (37, 4.9, 12139.55), (36, 1.67, 12036.46), (35, 1.84, 2942.46),
     (33, 0.24, 7084.9), (32, 0.18, 5088.63), (32, 1.78, 398.15),
     (28, 1.21, 6286.6), (28, 1.9, 6279.55), (26, 4.59, 10447.39)),
    ((103019, 1.10749, 6283.07585), (1721, 1.0644, 12566.1517),
     (702, 3.142, 0), (32, 1.02, 18849.23), (31, 2.84, 5507.55),
     (25, 1.32, 5223.69), (18, 1.42, 1577.34), (10, 5.91, 10977.08),
     (9, 1.42, 6275.96), (9, 0.27, 5486.78)),
    ((4359, 5.7846, 6283.0758), (124, 5.579, 12566.152), (12, 3.14, 0),
     (9, 3.63, 77713.77), (6, 1.87, 5573.14), (3, 5.47, 18849.23)),
    ((145, 4.273, 6283.076), (7, 3.92, 12566.15)),
    ((4, 2.56, 6283.08),),
)

# Nutation in longitude (Meeus ch. 22, table 22.A, the 18 largest terms):
# multiples of D, M, M', F, Omega; coefficient and its rate per century,
# in units of 0.0001".  The omitted terms total well under 0.1".
NUTATION = (
    (0, 0, 0, 0, 1, -171996, -174.2), (-2, 0, 0, 2, 2, -13187, -1.6),
    (0, 0, 0, 2, 2, -2274, -0.2), (0, 0, 0, 0, 2, 2062, 0.2),
    (0, 1, 0, 0, 0, 1426, -3.4), (0, 0, 1, 0, 0, 712, 0.1),
    (-2, 1, 0, 2, 2, -517, 1.2), (0, 0, 0, 2, 1, -386, -0.4),
    (0, 0, 1, 2, 2, -301, 0), (-2, -1, 0, 2, 2, 217, -0.5),
    (-2, 0, 1, 0, 0, -158, 0), (-2, 0, 0, 2, 1, 129, 0.1),
    (0, 0, -1, 2, 2, 123, 0), (2, 0, 0, 0, 0, 63, 0),
    (0, 0, 1, 0, 1, 63, 0.1), (2, 0, -1, 2, 2, -59, 0),
    (0, 0, -1, 0, 1, -58, -0.1), (0, 0, 1, 2, 1, -51, 0),
)

# New moon periodic terms (Meeus ch. 49): coefficient in days, power of E,
# multiples of M (Sun's anomaly), M' (Moon's anomaly), F, Omega.
NEW_MOON_TERMS = (
    (-0.40720, 0, 0, 1, 0, 0), (0.17241, 1, 1, 0, 0, 0),
    (0.01608, 0, 0, 2, 0, 0), (0.01039, 0, 0, 0, 2, 0),
    (0.00739, 1, -1, 1, 0, 0), (-0.00514, 1, 1, 1, 0, 0),
    (0.00208, 2, 2, 0, 0, 0), (-0.00111, 0, 0, 1, -2, 0),
    (-0.00057, 0, 0, 1, 2, 0), (0.00056, 1, 1, 2, 0, 0),
    (-0.00042, 0, 0, 3, 0, 0), (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0), (-0.00024, 1, -1, 2, 0, 0),
    (-0.00017, 0, 0, 0, 0, 1), (-0.00007, 0, 2, 1, 0, 0),
    (0.00004, 0, 0, 2, -2, 0), (0.00004, 0, 3, 0, 0, 0),
    (0.00003, 0, 1, 1, -2, 0), (0.00003, 0, 0, 2, 2, 0),
    (-0.00003, 0, 1, 1, 2, 0), (0.00003, 0, -1, 1, 2, 0),
    (-0.00002, 0, -1, 1, -2, 0), (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)

# The 14 planetary arguments A1..A14 (Meeus ch. 49): degrees at k = 0,
# degrees per lunation, and the coefficient of sin(A) in days.  A1 also has
# a -0.009173 T^2 term.
PLANETARY = (
    (299.77, 0.107408, 0.000325), (251.88, 0.016321, 0.000165),
    (251.83, 26.651886, 0.000164), (349.42, 36.412478, 0.000126),
    (84.66, 18.206239, 0.000110), (141.74, 53.303771, 0.000062),
    (207.14, 2.453732, 0.000060), (154.84, 7.306860, 0.000056),
    (34.52, 27.261239, 0.000047), (207.19, 0.121824, 0.000042),
    (291.34, 1.844379, 0.000040), (161.72, 24.198154, 0.000037),
    (239.56, 25.513099, 0.000035), (331.55, 3.592518, 0.000023),
)


def delta_t(year):
    """TT - UT in seconds at a decimal year: Espenak & Meeus (2006)
    polynomials, valid 1900-2200 (the NASA Five Millennium Canon)."""
    if year < 1920:
        t = year - 1900
        return (-2.79 + 1.494119 * t - 0.0598939 * t ** 2
                + 0.0061966 * t ** 3 - 0.000197 * t ** 4)
    if year < 1941:
        t = year - 1920
        return 21.20 + 0.84493 * t - 0.076100 * t ** 2 + 0.0020936 * t ** 3
    if year < 1961:
        t = year - 1950
        return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547
    if year < 1986:
        t = year - 1975
        return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718
    if year < 2005:
        t = year - 2000
        return (63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3
                + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5)
    if year < 2050:
        t = year - 2000
        return 62.92 + 0.32217 * t + 0.005589 * t ** 2
    u = (year - 1820) / 100
    if year < 2150:
        return -20 + 32 * u * u - 0.5628 * (2150 - year)
    return -20 + 32 * u * u


def decimal_year(jd):
    return 2000.0 + (jd - 2451544.5) / 365.2425


def ut_to_tt(jd_ut):
    return jd_ut + delta_t(decimal_year(jd_ut)) / 86400.0


def tt_to_ut(jde):
    ut = jde - delta_t(decimal_year(jde)) / 86400.0
    return jde - delta_t(decimal_year(ut)) / 86400.0


def _vsop(series, tau):
    total = 0.0
    for n, terms in enumerate(series):
        s = sum(a * math.cos(b + c * tau) for a, b, c in terms)
        total += s * tau ** n
    return total * 1e-8


def earth_l_r(jde):
    """Earth's heliocentric longitude (rad, FK4-ish VSOP frame) and
    radius vector (AU), Meeus ch. 32."""
    tau = (jde - J2000) / 365250.0
    return _vsop(EARTH_L, tau), _vsop(EARTH_R, tau)


def nutation_longitude(jde):
    """Delta psi in degrees (Meeus ch. 22)."""
    t = (jde - J2000) / 36525.0
    d = 297.85036 + 445267.111480 * t - 0.0019142 * t * t + t ** 3 / 189474
    m = 357.52772 + 35999.050340 * t - 0.0001603 * t * t - t ** 3 / 300000
    mp = 134.96298 + 477198.867398 * t + 0.0086972 * t * t + t ** 3 / 56250
    f = 93.27191 + 483202.017538 * t - 0.0036825 * t * t + t ** 3 / 327270
    om = 125.04452 - 1934.136261 * t + 0.0020708 * t * t + t ** 3 / 450000
    total = 0.0
    for cd, cm, cmp, cf, co, a, b in NUTATION:
        arg = math.radians(cd * d + cm * m + cmp * mp + cf * f + co * om)
        total += (a + b * t) * math.sin(arg)
    return total * 1e-4 / 3600.0


def sun_longitude(jde):
    """The Sun's apparent geocentric longitude in degrees [0, 360), referred
    to the true equinox of date (Meeus ch. 25, 'higher accuracy')."""
    big_l, r = earth_l_r(jde)
    theta = math.degrees(big_l) + 180.0
    theta -= 0.09033 / 3600.0                   # VSOP87 -> FK5
    aberration = -20.4898 / 3600.0 / r
    return (theta + nutation_longitude(jde) + aberration) % 360.0


def sun_longitude_low(jde):
    """Meeus ch. 25 low-accuracy apparent longitude (0.01 deg): only used
    to catch typing errors in the VSOP87 series."""
    t = (jde - J2000) / 36525.0
    l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    m = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    c = ((1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(m)
         + (0.019993 - 0.000101 * t) * math.sin(2 * m)
         + 0.000289 * math.sin(3 * m))
    om = math.radians(125.04 - 1934.136 * t)
    return (l0 + c - 0.00569 - 0.00478 * math.sin(om)) % 360.0


def term_near(jde, target):
    """The JDE at which the apparent longitude equals target (degrees),
    iterating from a guess within a few weeks (the Sun moves ~1 deg/day)."""
    for _ in range(50):
        diff = (target - sun_longitude(jde) + 180.0) % 360.0 - 180.0
        step = diff * 365.2422 / 360.0
        jde += step
        if abs(step) < 1e-9:
            return jde
    raise ArithmeticError("solar term did not converge")


def solar_term_jde(year, target):
    """The instant (JDE) of a solar longitude in a Gregorian year, counted
    from the March equinox (0 deg ~ 20 March)."""
    march20 = 2451623.5 + (year - 2000) * 365.2422
    return term_near(march20 + (target % 360.0) * 365.2422 / 360.0, target)


def new_moon_jde(k):
    """The JDE of new moon number k (k = 0 near 2000-01-06), Meeus ch. 49."""
    t = k / 1236.85
    jde = (2451550.09766 + 29.530588861 * k + 0.00015437 * t * t
           - 0.000000150 * t ** 3 + 0.00000000073 * t ** 4)
    e = 1 - 0.002516 * t - 0.0000074 * t * t
    m = 2.5534 + 29.10535670 * k - 0.0000014 * t * t - 0.00000011 * t ** 3
    mp = (201.5643 + 385.81693528 * k + 0.0107582 * t * t
          + 0.00001238 * t ** 3 - 0.000000058 * t ** 4)
    f = (160.7108 + 390.67050284 * k - 0.0016118 * t * t
         - 0.00000227 * t ** 3 + 0.000000011 * t ** 4)
    om = 124.7746 - 1.56375588 * k + 0.0020672 * t * t + 0.00000215 * t ** 3
    for c, ep, cm, cmp, cf, co in NEW_MOON_TERMS:
        arg = math.radians(cm * m + cmp * mp + cf * f + co * om)
        jde += c * e ** ep * math.sin(arg)
    for i, (a0, rate, c) in enumerate(PLANETARY):
        a = a0 + rate * k - (0.009173 * t * t if i == 0 else 0.0)
        jde += c * math.sin(math.radians(a))
    return jde


def _jd(y, mo, d, h=0, mi=0):
    """JD of a proleptic Gregorian date and time (Meeus ch. 7)."""
    if mo <= 2:
        y, mo = y - 1, mo + 12
    a = y // 100
    b = 2 - a + a // 4
    return (math.floor(365.25 * (y + 4716)) + math.floor(30.6001 * (mo + 1))
            + d + b - 1524.5 + (h + mi / 60.0) / 24.0)


def self_test():
    """Published values the implementation must reproduce; any typo in a
    series or a formula shows up here before a table is written."""
    def near(name, got, want, tol):
        if abs(got - want) > tol:
            raise SystemExit("gen_lunar self-test %s: %r, expected %r"
                             % (name, got, want))
    # Meeus example 49.a: new moon of 1977 February, k = -283.
    near("ex 49.a", new_moon_jde(-283), 2443192.65118, 2e-5)
    # Meeus example 22.a: 1987-04-10 0h TD, delta psi = -3.788".
    near("ex 22.a", nutation_longitude(2446895.5) * 3600, -3.788, 0.05)
    # Meeus example 25.b: 1992-10-13 0h TD, lambda = 199 deg 54' 21.818".
    near("ex 25.b", sun_longitude(2448908.5),
         199 + 54 / 60 + 21.818 / 3600, 1.0 / 3600)
    # Equinox 2000-03-20 07:35 UTC, solstice 2026-12-21 20:50 UTC (+-1 min).
    near("equinox 2000", tt_to_ut(solar_term_jde(2000, 0.0)),
         _jd(2000, 3, 20, 7, 35), 1.0 / 1440)
    near("solstice 2026", tt_to_ut(solar_term_jde(2026, 270.0)),
         _jd(2026, 12, 21, 20, 50), 1.0 / 1440)
    # The low-accuracy formula, which ignores the planetary and lunar
    # perturbations, is good to ~0.01 deg: its worst deviation from the full
    # computation over 1895-2205 is 0.0106 deg (2061), so allow 0.0125 deg.
    jde = _jd(1895, 1, 1)
    while jde < _jd(2205, 1, 1):
        d = (sun_longitude(jde) - sun_longitude_low(jde) + 180) % 360 - 180
        near("low-accuracy longitude at JDE %.1f" % jde, d, 0.0, 0.0125)
        jde += 7.3
