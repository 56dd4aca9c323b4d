/* Dev-time generator for src/catalog/unicode-tables.ts (not part of the build).
   Line-break classes: gnulib lib/unilbrk/lbrkprop{1,2}.h at commit 87e6634b28
   (Unicode 14, the tables of libunistring 1.0 that GNU gettext 0.21 links);
   widths: uc_width() of the installed libunistring.  Build:
     gcc -I<dir with lbrkprop*.h> unicode-dump.c -o dump /usr/lib/x86_64-linux-gnu/libunistring.so.2
     ./dump | node scripts/gen-unicode-tables.mjs > src/catalog/unicode-tables.ts */
#include <stdio.h>
#include <stdint.h>
typedef uint32_t ucs4_t;
enum { LBP_BK=33,LBP_CR=34,LBP_LF=35,LBP_CM=36,LBP_WJ=0,LBP_ZW=37,LBP_GL=1,LBP_SP=38,LBP_B2=2,LBP_BA=3,LBP_BB=4,LBP_HY=5,LBP_CB=39,LBP_CL=6,LBP_CP1=7,LBP_CP2=8,LBP_EX=9,LBP_IN=10,LBP_NS=11,LBP_OP1=12,LBP_OP2=13,LBP_QU=14,LBP_IS=15,LBP_NU=16,LBP_PO=17,LBP_PR=18,LBP_SY=19,LBP_AI=40,LBP_AL=20,LBP_H2=21,LBP_H3=22,LBP_HL=28,LBP_ID1=23,LBP_ID2=24,LBP_JL=25,LBP_JV=26,LBP_JT=27,LBP_RI=29,LBP_SA=41,LBP_ZWJ=30,LBP_EB=31,LBP_EM=32,LBP_XX=42 };
#include "lbrkprop1.h"
#include "lbrkprop2.h"
static int lookup(ucs4_t uc){unsigned i1=uc>>lbrkprop_header_0; if(i1<lbrkprop_header_1){int l1=unilbrkprop.level1[i1]; if(l1>=0){unsigned i2=(uc>>lbrkprop_header_2)&lbrkprop_header_3; int l2=unilbrkprop.level2[l1+i2]; if(l2>=0){return unilbrkprop.level3[l2+(uc&lbrkprop_header_4)];}}} return LBP_XX;}
extern int uc_width(ucs4_t, const char*);
int main(){ int prevp=-1, prevw=-9; for(ucs4_t c=0;c<=0x10FFFF;c++){int p=lookup(c); int w=uc_width(c,"UTF-8"); if(p!=prevp){printf("P %x %d\n",c,p);prevp=p;} if(w!=prevw){printf("W %x %d\n",c,w);prevw=w;}} return 0;}
