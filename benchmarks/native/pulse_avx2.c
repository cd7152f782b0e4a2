/*
 * The four-lane pulse pass written by hand in C with AVX2 and FMA intrinsics: a reference for how fast an
 * ahead-of-time compiler runs the same work as SynapseArray's PulseKernel at Vector256, without mismatch (decision
 * 0092). It is a measuring tool, not part of FnDam: nothing builds or calls it.
 *
 *   gcc -O2 -mavx2 -mfma -o pulse_avx2 benchmarks/native/pulse_avx2.c && ./pulse_avx2
 *   gcc -O2 -mavx2 -mfma -DNO_HASH -o pulse_avx2_nohash benchmarks/native/pulse_avx2.c && ./pulse_avx2_nohash
 *
 * Per synapse, as the C# pass: the rounding uniform (SplitMix64's finaliser, 64-bit multiplies emulated as on AVX2),
 * stochastic rounding to driver steps, the half picked by the sign, the floor test, the exact pulse (one division for
 * k2/U0, exp by the same Cody-Waite reduction and degree-13 Taylor polynomial in Estrin's scheme, log1p by its x^4
 * series, one division for the change), both halves' voltages and times ahead, both pulse counters, the source
 * energy stored and summed, the dissipation summed, the smallest and largest energy, prefetch 128 synapses ahead.
 * The arrays are 256x784 as in ArrayBenchmarks, every synapse pulsed by 1 to 3 driver steps of alternating sign, at
 * the mehta2022 preset's nominal constants. log1p's other bands are not written: the program stops if a lane needs
 * one (this workload never does). The results are not compared bit for bit with FnDam's; the operations are the same.
 *
 * Prints the fastest of 300 passes in ns per synapse. -DNO_HASH replaces the uniform by 0.5 (what the hash costs).
 */
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define B(x) _mm256_set1_pd(x)

static inline __m256i mul64(__m256i a, uint64_t m)
{
    __m256i ml = _mm256_set1_epi64x((long long)(m & 0xffffffffu)), mh = _mm256_set1_epi64x((long long)(m >> 32));
    __m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(a, 32), ml), _mm256_mul_epu32(a, mh));
    return _mm256_add_epi64(_mm256_mul_epu32(a, ml), _mm256_slli_epi64(cross, 32));
}

static inline __m256d uniforms(__m256i z)
{
    z = mul64(_mm256_xor_si256(z, _mm256_srli_epi64(z, 30)), 0xBF58476D1CE4E5B9ULL);
    z = mul64(_mm256_xor_si256(z, _mm256_srli_epi64(z, 27)), 0x94D049BB133111EBULL);
    z = _mm256_xor_si256(z, _mm256_srli_epi64(z, 31));
    z = _mm256_or_si256(_mm256_srli_epi64(z, 12), _mm256_set1_epi64x(0x3FF0000000000000LL));
    return _mm256_sub_pd(_mm256_castsi256_pd(z), B(1.0));
}

static inline __m256d exp4(__m256d x)
{
    x = _mm256_min_pd(_mm256_max_pd(x, B(-708.0)), B(708.0));
    __m256d shifted = _mm256_fmadd_pd(x, B(1.4426950408889634), B(6755399441055744.0));
    __m256d k = _mm256_sub_pd(shifted, B(6755399441055744.0));
    __m256d r = _mm256_fmadd_pd(k, B(-6.93147180369123816490e-01), x);
    r = _mm256_fmadd_pd(k, B(-1.90821492927058770002e-10), r);
    __m256d r2 = _mm256_mul_pd(r, r), r4 = _mm256_mul_pd(r2, r2), r8 = _mm256_mul_pd(r4, r4);
    __m256d p01 = _mm256_fmadd_pd(r, B(1.0 / 6.0), B(0.5));
    __m256d p23 = _mm256_fmadd_pd(r, B(1.0 / 120.0), B(1.0 / 24.0));
    __m256d p45 = _mm256_fmadd_pd(r, B(1.0 / 5040.0), B(1.0 / 720.0));
    __m256d p67 = _mm256_fmadd_pd(r, B(1.0 / 362880.0), B(1.0 / 40320.0));
    __m256d p89 = _mm256_fmadd_pd(r, B(1.0 / 39916800.0), B(1.0 / 3628800.0));
    __m256d p1011 = _mm256_fmadd_pd(r, B(1.0 / 6227020800.0), B(1.0 / 479001600.0));
    __m256d q0 = _mm256_fmadd_pd(r2, p23, p01), q1 = _mm256_fmadd_pd(r2, p67, p45), q2 = _mm256_fmadd_pd(r2, p1011, p89);
    __m256d q = _mm256_fmadd_pd(r8, q2, _mm256_fmadd_pd(r4, q1, q0));
    __m256d p = _mm256_add_pd(_mm256_fmadd_pd(r2, q, r), B(1.0));
    return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(p), _mm256_slli_epi64(_mm256_castpd_si256(shifted), 52)));
}

int main(void)
{
    const int n = 256 * 784, passes = 300;
    const uint64_t golden = 0x9E3779B97F4A7C15ULL;
    double *w = aligned_alloc(64, 8 * (size_t)n), *plus = aligned_alloc(64, 8 * (size_t)n), *minus = aligned_alloc(64, 8 * (size_t)n);
    double *aheadPlus = aligned_alloc(64, 8 * (size_t)n), *aheadMinus = aligned_alloc(64, 8 * (size_t)n), *energy = aligned_alloc(64, 8 * (size_t)n);
    int *countPlus = aligned_alloc(64, 4 * (size_t)n), *countMinus = aligned_alloc(64, 4 * (size_t)n);
    srand(3);
    for (int i = 0; i < n; i++)
    {
        double width = (1.0 + 2.0 * rand() / RAND_MAX) * 1e-6;
        w[i] = (i & 1) == 0 ? width : -width;
        plus[i] = minus[i] = 7.6;
        aheadPlus[i] = aheadMinus[i] = energy[i] = 0.0;
        countPlus[i] = countMinus[i] = 0;
    }

    const double k1 = 5.32184e13, k2 = 276.459, delta = 0.105, capacitance = 50e-15, amplitude = 1.05;
    const __m256d step = B(1e-6), stepsPerSecond = B(1e6), maximum = B(50e-3), floor = B(6.0), sign = B(-0.0);
    const __m256d k1v = B(k1), k2v = B(k2), deltav = B(delta), charge = B(capacitance * delta), headroom = B(amplitude - delta);
    const __m256i narrow = _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6);
    __m256d source0 = B(0), source1 = B(0), dissipation0 = B(0), dissipation1 = B(0), lo = B(1e300), hi = B(-1e300);
    long pulsed = 0, outside = 0;
    double best = 1e300;
    for (int pass = 0; pass < passes; pass++)
    {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        uint64_t seed = 12345 + (uint64_t)pass * 777;
        __m256i hash = _mm256_setr_epi64x((long long)(seed + golden), (long long)(seed + 2 * golden), (long long)(seed + 3 * golden), (long long)(seed + 4 * golden));
        const __m256i advance = _mm256_set1_epi64x((long long)(4 * golden));
        for (int i = 0; i < n; i += 4, hash = _mm256_add_epi64(hash, advance))
        {
            if ((i & 7) == 0)
            {
                _mm_prefetch((const char *)(w + i + 128), _MM_HINT_T0);
                _mm_prefetch((const char *)(plus + i + 128), _MM_HINT_T0);
                _mm_prefetch((const char *)(minus + i + 128), _MM_HINT_T0);
                _mm_prefetch((const char *)(aheadPlus + i + 128), _MM_HINT_T0);
                _mm_prefetch((const char *)(aheadMinus + i + 128), _MM_HINT_T0);
                _mm_prefetch((const char *)(energy + i + 128), _MM_HINT_T0);
                if ((i & 15) == 0)
                {
                    _mm_prefetch((const char *)(countPlus + i + 128), _MM_HINT_T0);
                    _mm_prefetch((const char *)(countMinus + i + 128), _MM_HINT_T0);
                }
            }

            __m256d request = _mm256_load_pd(w + i);
            if (_mm256_movemask_pd(_mm256_cmp_pd(request, _mm256_setzero_pd(), _CMP_NEQ_UQ)) == 0)
            {
                _mm256_store_pd(energy + i, _mm256_setzero_pd());
                continue;
            }

#ifdef NO_HASH
            __m256d uniform = B(0.5);
#else
            __m256d uniform = uniforms(hash);
#endif
            __m256d q = _mm256_mul_pd(_mm256_min_pd(_mm256_andnot_pd(sign, request), maximum), stepsPerSecond);
            __m256d whole = _mm256_floor_pd(q);
            __m256d width = _mm256_mul_pd(_mm256_add_pd(whole, _mm256_and_pd(_mm256_cmp_pd(uniform, _mm256_sub_pd(q, whole), _CMP_LT_OQ), B(1.0))), step);
            __m256d hasWidth = _mm256_cmp_pd(width, _mm256_setzero_pd(), _CMP_GT_OQ);
            __m256d toMinus = _mm256_cmp_pd(request, _mm256_setzero_pd(), _CMP_GT_OQ);
            __m256d p = _mm256_load_pd(plus + i), m = _mm256_load_pd(minus + i);
            __m256d v = _mm256_blendv_pd(p, m, toMinus);
            __m256d go = _mm256_and_pd(hasWidth, _mm256_cmp_pd(v, floor, _CMP_GT_OQ));
            int goBits = _mm256_movemask_pd(go);
            if (goBits == 0)
            {
                _mm256_store_pd(energy + i, _mm256_setzero_pd());
                continue;
            }

            pulsed += __builtin_popcount((unsigned)goBits);
            __m256d u0 = _mm256_add_pd(v, deltav);
            __m256d minusL = _mm256_xor_pd(_mm256_div_pd(k2v, u0), sign);
            __m256d x = _mm256_mul_pd(_mm256_mul_pd(k1v, _mm256_and_pd(go, width)), exp4(minusL));
            if (_mm256_movemask_pd(_mm256_cmp_pd(_mm256_andnot_pd(sign, x), B(1.0 / 16384.0), _CMP_LE_OQ)) != 15)
            {
                outside++;
            }

            __m256d x2 = _mm256_mul_pd(x, x);
            __m256d s = _mm256_fmadd_pd(x2, _mm256_fmadd_pd(x2, B(-0.25), _mm256_fmadd_pd(x, B(1.0 / 3.0), B(-0.5))), x);
            __m256d change = _mm256_div_pd(_mm256_mul_pd(u0, s), _mm256_sub_pd(minusL, s));
            __m256d after = _mm256_add_pd(v, change);
            __m256d goMinus = _mm256_and_pd(go, toMinus), goPlus = _mm256_andnot_pd(toMinus, go);
            _mm256_store_pd(plus + i, _mm256_blendv_pd(p, after, goPlus));
            _mm256_store_pd(minus + i, _mm256_blendv_pd(m, after, goMinus));
            _mm256_store_pd(aheadPlus + i, _mm256_add_pd(_mm256_load_pd(aheadPlus + i), _mm256_and_pd(goPlus, width)));
            _mm256_store_pd(aheadMinus + i, _mm256_add_pd(_mm256_load_pd(aheadMinus + i), _mm256_and_pd(goMinus, width)));
            __m128i stepPlus = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(goPlus), narrow));
            __m128i stepMinus = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(goMinus), narrow));
            _mm_store_si128((__m128i *)(countPlus + i), _mm_sub_epi32(_mm_load_si128((__m128i *)(countPlus + i)), stepPlus));
            _mm_store_si128((__m128i *)(countMinus + i), _mm_sub_epi32(_mm_load_si128((__m128i *)(countMinus + i)), stepMinus));
            __m256d e = _mm256_and_pd(go, _mm256_add_pd(_mm256_mul_pd(charge, headroom), _mm256_andnot_pd(sign, _mm256_mul_pd(charge, change))));
            _mm256_store_pd(energy + i, e);
            __m256d d = _mm256_and_pd(go, _mm256_mul_pd(change, _mm256_add_pd(_mm256_add_pd(u0, u0), change)));
            if ((i & 4) == 0)
            {
                source0 = _mm256_add_pd(source0, e);
                dissipation0 = _mm256_add_pd(dissipation0, d);
            }
            else
            {
                source1 = _mm256_add_pd(source1, e);
                dissipation1 = _mm256_add_pd(dissipation1, d);
            }

            lo = _mm256_min_pd(lo, _mm256_blendv_pd(B(1e300), e, go));
            hi = _mm256_max_pd(hi, e);
        }

        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / n;
        best = ns < best ? ns : best;
    }

    if (outside != 0)
    {
        fprintf(stderr, "%ld lane groups needed a log1p band this program does not write\n", outside);
        return 2;
    }

    double sums[4];
    _mm256_storeu_pd(sums, _mm256_add_pd(_mm256_add_pd(source0, source1), _mm256_add_pd(dissipation0, dissipation1)));
    double lows[4], highs[4];
    _mm256_storeu_pd(lows, lo);
    _mm256_storeu_pd(highs, hi);
    printf("fastest of %d passes: %.3f ns per synapse (%ld pulses; checksum %.6g, energies %.4g to %.4g J)\n",
        passes, best, pulsed, sums[0] + sums[1] + sums[2] + sums[3], lows[0], highs[0]);
    return 0;
}
