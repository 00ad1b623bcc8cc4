/*
 * The categories of complaints.  The codes are those the default USSD menu
 * sets (config/aspirasi.conf.example); the komisi follow the usual split of
 * a DPRD kabupaten: I government and law, II economy and finance, III
 * development and infrastructure, IV welfare (health, schools).
 */
#include <string.h>

#include "parsers/category.h"

const struct category categories[] = {
    {"jalan", "Jalan & jembatan", "Roads and bridges",
     "Jalan rusak, berlubang, jembatan, lampu jalan, drainase jalan.",
     "jalan,jembatan,lubang,aspal,lampu jalan", 3},
    {"utilitas", "Air & listrik", "Water and power",
     "Air bersih, PDAM, listrik, saluran dan banjir.", "air,pdam,listrik,banjir,saluran", 3},
    {"kesehatan", "Kesehatan", "Health", "Puskesmas, rumah sakit, BPJS, layanan kesehatan.",
     "puskesmas,rumah sakit,bpjs,obat", 4},
    {"pendidikan", "Pendidikan", "Schools", "Sekolah, guru, beasiswa, gedung sekolah.",
     "sekolah,guru,beasiswa,pendidikan", 4},
    {"lain", "Lainnya", "Other", "Aduan lain kepada DPRD.", "lain", 0},
};

const size_t ncategories = sizeof(categories) / sizeof(categories[0]);

const struct category *
category_find(const char *code)
{
    for (size_t i = 0; i < ncategories; i++)
        if (strcmp(categories[i].code, code) == 0)
            return &categories[i];
    return NULL;
}
