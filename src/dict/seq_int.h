/* The dictionary sequence of a sentence, shared by resolving (seq.c)
 * and matching (match.c); internal to src/dict. */
#ifndef SR_DICT_SEQ_INT_H
#define SR_DICT_SEQ_INT_H

#include "dict_int.h"

#include <string.h>

/* What a sequence keeps of one token, as the word cache keeps it, so
 * that a cached word is one record copied.  Small on purpose: it is
 * copied per token and the cache holds thousands (no distinct word of
 * the evaluation texts has more than three candidates).  The word's own
 * id is not kept: resolve() puts it first, as an EXACT candidate. */
enum { TOK_CANDS = 4 };
typedef struct stok {
    uint32_t id[TOK_CANDS];  /* candidates (more than TOK_CANDS: sr_dict_seq.xid) */
    dwmask mask;             /* the candidates' masks ORed (see dwmask) */
    uint64_t synsig;         /* synsets the candidates start, bit (synset & 63) */
    uint32_t phrase;         /* the one-word memo's phrase (see ty) */
    uint32_t rid;            /* the word's number in this thread's word cache, or 0
                              * (not kept): tokens of one rid are one word */
    uint8_t kind[TOK_CANDS];
    uint8_t n;               /* candidates */
    uint8_t ty;              /* 0, or the one-word memo: TY_MEMO | table | (res + 1) << 4 */
    uint8_t chars;           /* the memo's match's chars */
    uint8_t len;             /* the word's bytes (the word cache's key) */
} stok;
_Static_assert(sizeof(stok) == 48, "a word-cache entry is a key and a stok in 64 bytes");

/* The one-word memo of a token: when the candidates' masks say one-word
 * phrases of at most one table may be what the token is (start and solo
 * share at most one table bit), what one_scan finds there without options
 * (res: 1 found, 0 none, -1 the full search is needed), so that
 * sr_dict_match_best answers a word nothing may follow without searching.
 * Made when the word is resolved, so a cached word brings it along. */
enum { TY_MEMO = 0x80 };
/* Fills t->ty, t->phrase and t->chars from the candidates (match.c). */
void tok_memo(const sr_dict *d, stok *t, const uint32_t *ids, const uint8_t *kinds, size_t n);

struct sr_dict_seq {
    size_t n;
    uint8_t *flags;          /* n SR_DICT_SEQ_* flags, or NULL when none is set */
    stok *tok;               /* n */
    uint32_t **xid;          /* n, or NULL: the candidates of a token with more */
    uint8_t **xkind;         /* than TOK_CANDS */
    uint16_t *starts;        /* n: sr_dict_seq_starts(), made with the sequence */
    uint64_t tid;            /* dict_wc_tid when it was made: its rids are that
                              * thread's (0: none) */
};

/* This thread's number for word-cache rids (0 until its first sequence): a
 * thread takes a new one when its rids run out, so that a rid and a tid
 * always name one word (seq.c). */
extern _Thread_local uint64_t dict_wc_tid;
/* Empties this thread's phrase memo, whose keys are rids (match.c). */
void dict_memo_flush(void);

/* The candidates of token i: how many, their ids and kinds. */
static inline size_t tok_cands(const sr_dict_seq *s, size_t i, const uint32_t **ids,
                               const uint8_t **kinds)
{
    const stok *t = &s->tok[i];
    if (t->n <= TOK_CANDS) {
        *ids = t->id;
        *kinds = t->kind;
    } else {
        *ids = s->xid[i];
        *kinds = s->xkind[i];
    }
    return t->n;
}

/* A hash of three words whose top bits are well mixed (the top bits of
 * a product depend on every bit of its factors): the caches take their
 * slots from them. */
static inline uint64_t mix3(uint64_t a, uint64_t b, uint64_t c)
{
    return (a * 0x9e3779b97f4a7c15ull) ^ (b * 0xc2b2ae3d27d4eb4full) ^ (c * 0x165667b19e3779f9ull);
}

/* Token i is a possessive ("'s"). */
static inline int is_poss(const sr_dict_seq *s, size_t i)
{
    return s->flags && (s->flags[i] & SR_DICT_SEQ_POSS);
}

#endif
