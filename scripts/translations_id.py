#!/usr/bin/env python3
"""Indonesian translations of Mitra's UI strings, and a filler that writes them into the catalogue.

The dictionary below is the source of truth for Bahasa Indonesia: English msgid → Indonesian.
Plural entries (msgid_plural) are keyed by their singular msgid; Indonesian has one plural form
(`Plural-Forms: nplurals=1; plural=0;`), so they get a single msgstr[0].

Refresh the catalogue and fill it (see docs/dev/i18n.md):

    make messages && .venv/bin/python scripts/translations_id.py

The script only needs the standard library. It sets every msgstr it knows, clears the fuzzy flag
on those entries and on the header, keeps translations it does not know about, and exits 1 (after
writing) when an entry is left untranslated or a translation does not carry the same
%(name)s placeholders as its msgid.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_PO = Path(__file__).resolve().parent.parent / "locale" / "id" / "LC_MESSAGES" / "django.po"

TRANSLATIONS: dict[str, str] = {
    # --- Intake and later additions
    "The file is larger than the limit of %(size)s.": "Berkas melebihi batas %(size)s.",
    "Shared with": "Dibagikan kepada",
    "Other agencies that may see this agreement.": "Instansi lain yang boleh melihat perjanjian ini.",
    "Only a signed, active, expired or superseded agreement can be renewed.": "Hanya perjanjian yang telah ditandatangani, berlaku, berakhir, atau digantikan yang dapat diperpanjang.",
    "Text of the press release or minutes": "Teks siaran pers atau notula",
    "…or a file (TXT, HTML, PDF, DOCX)": "…atau berkas (TXT, HTML, PDF, DOCX)",
    "Paste a text or choose a file, not both.": "Tempelkan teks atau pilih berkas, jangan keduanya.",
    "Paste the text or choose a file.": "Tempelkan teks atau pilih berkas.",
    "Published": "Diterbitkan",
    "Event date": "Tanggal kegiatan",
    "Event types": "Jenis kegiatan",
    "Signing": "Penandatanganan",
    "Extension": "Perpanjangan",
    "Meeting": "Rapat",
    "Negotiation": "Negosiasi",
    "Evaluation": "Evaluasi",
    "Meeting mode": "Moda rapat",
    "In person": "Luring",
    "Online": "Daring",
    "Hybrid": "Hibrida",
    "Venue": "Tempat",
    "Government parties (one per line)": "Pihak pemerintah (satu per baris)",
    "Attending or invited bodies (one per line)": "Instansi yang hadir atau diundang (satu per baris)",
    "What to do": "Tindakan",
    "Create a new agreement": "Buat perjanjian baru",
    "Link to the existing record (create nothing)": "Tautkan ke catatan yang sudah ada (tidak membuat apa pun)",
    "Skip": "Lewati",
    "Foreign partner": "Mitra asing",
    "— create a new organization —": "— buat organisasi baru —",
    "New organization: legal name": "Organisasi baru: nama resmi",
    "New organization: acronym": "Organisasi baru: singkatan",
    "New organization: kind": "Organisasi baru: jenis",
    "New organization: country": "Organisasi baru: negara",
    "Government party": "Pihak pemerintah",
    "Document type": "Jenis dokumen",
    "Start year": "Tahun mulai",
    "End year": "Tahun berakhir",
    "Duration (years)": "Jangka waktu (tahun)",
    "— not a renewal —": "— bukan perpanjangan —",
    "Signatory for the government (title)": "Penanda tangan pihak pemerintah (jabatan)",
    "Signatory for the partner (title)": "Penanda tangan pihak mitra (jabatan)",
    "Draft (under review)": "Draf (sedang ditinjau)",
    "Confirmed": "Dikonfirmasi",
    "source text": "teks sumber",
    "source file name": "nama berkas sumber",
    "extraction": "hasil ekstraksi",
    "confirmed at": "dikonfirmasi pada",
    "created records": "catatan yang dibuat",
    "intake submission": "kiriman masukan",
    "intake submissions": "kiriman masukan",
    "You may not record cooperation from press items.": "Anda tidak boleh mencatat kerja sama dari berita pers.",
    "The text is empty.": "Teksnya kosong.",
    "Paste the text.": "Tempelkan teksnya.",
    "The text is longer than %(n)d characters.": "Teks lebih panjang dari %(n)d karakter.",
    "Too long.": "Terlalu panjang.",
    "Only text, HTML, PDF and DOCX files are accepted (judged by the file's content).": "Hanya berkas teks, HTML, PDF, dan DOCX yang diterima (dinilai dari isi berkas).",
    "The file could not be read.": "Berkas tidak dapat dibaca.",
    "Unreadable file.": "Berkas tidak terbaca.",
    "No text was found in the file.": "Tidak ada teks dalam berkas.",
    "No text.": "Tidak ada teks.",
    "Invalid date.": "Tanggal tidak valid.",
    "Use YYYY-MM-DD.": "Gunakan format TTTT-BB-HH.",
    "Invalid number.": "Angka tidak valid.",
    "Give a number.": "Isikan angka.",
    "Unknown foreign organization.": "Organisasi asing tidak dikenal.",
    "Choose the partner from the registry or give the new organization's name.": "Pilih mitra dari registri atau isikan nama organisasi baru.",
    "Choose the government body.": "Pilih instansi pemerintah.",
    "Give the start year.": "Isikan tahun mulai.",
    "Invalid year.": "Tahun tidak valid.",
    "Invalid duration.": "Jangka waktu tidak valid.",
    "1 to 50 years.": "1 sampai 50 tahun.",
    "The agreement to renew is not one you may edit.": "Perjanjian yang akan diperpanjang bukan perjanjian yang boleh Anda ubah.",
    "Unknown meeting mode.": "Moda rapat tidak dikenal.",
    "This submission is not open for confirmation.": "Kiriman ini tidak dapat dikonfirmasi lagi.",
    "Agreement %(n)d": "Perjanjian %(n)d",
    "Choose the existing agreement to link to.": "Pilih perjanjian yang sudah ada untuk ditautkan.",
    "Nothing to record: every agreement was skipped.": "Tidak ada yang dicatat: semua perjanjian dilewati.",
    "Source:": "Sumber:",
    "Intake": "Masukan",
    "Review": "Tinjau",
    "Created agreements": "Perjanjian yang dibuat",
    "Linked to existing agreements": "Ditautkan ke perjanjian yang sudah ada",
    "%(n)s organization was registered.": "%(n)s organisasi didaftarkan.",
    "Source text": "Teks sumber",
    "New from text": "Baru dari teks",
    "Paste a press release or the minutes of a meeting (in Indonesian), or upload it as a file. Mitra proposes the records; you review every field before anything is saved.": "Tempelkan siaran pers atau notula rapat (dalam bahasa Indonesia), atau unggah sebagai berkas. Mitra mengusulkan catatannya; Anda memeriksa setiap isian sebelum ada yang disimpan.",
    "The type is judged by the file's content.": "Jenis berkas dinilai dari isinya.",
    "Read the text": "Baca teks",
    "Review the proposed records": "Tinjau catatan yang diusulkan",
    "Every field was read from the text below; its source words are highlighted. Check and correct them: nothing is saved until you confirm.": "Setiap isian dibaca dari teks di bawah; kata sumbernya disorot. Periksa dan perbaiki: tidak ada yang disimpan sebelum Anda mengonfirmasi.",
    "This submission was already confirmed.": "Kiriman ini sudah dikonfirmasi.",
    "See what was recorded": "Lihat apa yang dicatat",
    "Nothing was saved.": "Tidak ada yang disimpan.",
    "The event": "Kegiatan",
    "Meetings are not recorded as records yet; these fields are kept with the submission.": "Rapat belum dicatat sebagai catatan tersendiri; isian ini disimpan bersama kiriman.",
    "Government parties in the registry": "Pihak pemerintah dalam registri",
    "matched": "cocok",
    "not found in the registry": "tidak ditemukan dalam registri",
    "Signatories named in the text": "Penanda tangan yang disebut dalam teks",
    "None found.": "Tidak ditemukan.",
    "Agreement %(n)s: %(partner)s": "Perjanjian %(n)s: %(partner)s",
    "%(y)s year": "%(y)s tahun",
    "Already recorded:": "Sudah tercatat:",
    "Linking to it creates no duplicate.": "Menautkannya tidak membuat duplikat.",
    "The text speaks of an extension: proposed as the renewal of": "Teks menyebut perpanjangan: diusulkan sebagai perpanjangan dari",
    "New organization (when not in the registry)": "Organisasi baru (bila tidak ada dalam registri)",
    "No agreement was found in the text.": "Tidak ada perjanjian yang ditemukan dalam teks.",
    "Confirm and save": "Konfirmasi dan simpan",
    "Start again": "Mulai lagi",
    "The records were saved.": "Catatan telah disimpan.",
    # --- Error pages
    "Not found": "Tidak ditemukan",
    "This page does not exist, or you do not have access to it.": (
        "Halaman ini tidak ada, atau Anda tidak memiliki akses ke halaman ini."
    ),
    "Back to the start page": "Kembali ke halaman awal",
    "Not allowed": "Tidak diizinkan",
    "Your role does not allow this action.": "Peran Anda tidak mengizinkan tindakan ini.",
    # --- Audit event labels (mitra/audit/events.py)
    "Agreement recorded": "Perjanjian dicatat",
    "Agreement changed": "Perjanjian diubah",
    "Submitted for review": "Diajukan untuk peninjauan",
    "Returned to draft": "Dikembalikan ke draf",
    "Marked signed": "Ditandai telah ditandatangani",
    "Became active": "Mulai berlaku",
    "Superseded by its renewal": "Digantikan oleh perpanjangannya",
    "Signatory added": "Penanda tangan ditambahkan",
    "Document uploaded": "Dokumen diunggah",
    "Organization registered": "Organisasi didaftarkan",
    "Organization changed": "Organisasi diubah",
    # --- Languages (settings.LANGUAGES)
    "Bahasa Indonesia": "Bahasa Indonesia",
    "English": "Bahasa Inggris",
    # --- Accounts
    "Operator": "Operator",
    "Agency officer": "Petugas instansi",
    "Agency viewer": "Pemantau instansi",
    "Foreign organization representative": "Perwakilan organisasi asing",
    "role": "peran",
    "government body": "instansi pemerintah",
    "foreign organization": "organisasi asing",
    "preferred language": "bahasa pilihan",
    "user": "pengguna",
    "users": "pengguna",
    "Sign in": "Masuk",
    "Sign in to Mitra": "Masuk ke Mitra",
    "Your username and password did not match. Please try again.": (
        "Nama pengguna dan kata sandi Anda tidak cocok. Silakan coba lagi."
    ),
    "Username": "Nama pengguna",
    "Password": "Kata sandi",
    # --- Documents and uploads
    "The file is larger than the limit of %(mb).1f MB.": (
        "Ukuran berkas melebihi batas %(mb).1f MB."
    ),
    "File too large.": "Berkas terlalu besar.",
    "The file is empty.": "Berkas kosong.",
    "Empty file.": "Berkas kosong.",
    "Only PDF, DOCX and ODT documents are accepted (judged by the file's content).": (
        "Hanya dokumen PDF, DOCX, dan ODT yang diterima (dinilai dari isi berkas)."
    ),
    "Wrong file type.": "Jenis berkas tidak sesuai.",
    "File (PDF, DOCX or ODT)": "Berkas (PDF, DOCX, atau ODT)",
    "Signed text": "Naskah yang ditandatangani",
    "Draft text": "Rancangan naskah",
    "Annex": "Lampiran",
    "Other": "Lainnya",
    "kind": "jenis",
    "version": "versi",
    "file": "berkas",
    "document": "dokumen",
    "documents": "dokumen",
    "Unknown document kind.": "Jenis dokumen tidak dikenal.",
    "Unknown kind.": "Jenis tidak dikenal.",
    "Documents": "Dokumen",
    "Version": "Versi",
    "Uploaded": "Diunggah",
    "No documents.": "Belum ada dokumen.",
    "Upload a document or a new version": "Unggah dokumen atau versi baru",
    "Upload": "Unggah",
    "The document was stored.": "Dokumen telah disimpan.",
    # --- Agreement form and fields
    "Title": "Judul",
    "Type": "Jenis",
    "Reference number": "Nomor referensi",
    "Lead government body": "Instansi pemerintah utama",
    "Foreign parties": "Pihak asing",
    "Other government parties": "Pihak pemerintah lainnya",
    "Signing date": "Tanggal penandatanganan",
    "Signing place": "Tempat penandatanganan",
    "Effective start": "Tanggal mulai berlaku",
    "Effective end": "Tanggal berakhir",
    "Stated duration (months)": "Jangka waktu yang dinyatakan (bulan)",
    "Used to compute the end when no end date is given.": (
        "Digunakan untuk menghitung tanggal berakhir apabila tanggal berakhir tidak diisi."
    ),
    "Renews": "Perpanjangan dari",
    "Objective": "Tujuan",
    "Sectors": "Sektor",
    "Provinces": "Provinsi",
    "Regencies/cities": "Kabupaten/kota",
    "The end date is before the start date.": "Tanggal berakhir mendahului tanggal mulai.",
    "Party": "Pihak",
    "Position/title": "Jabatan",
    "Name": "Nama",
    "Signed on": "Tanggal penandatanganan",
    "Kind": "Jenis",
    "Reason": "Alasan",
    "reference number": "nomor referensi",
    "title": "judul",
    "type": "jenis",
    "status": "status",
    "objective": "tujuan",
    "signing date": "tanggal penandatanganan",
    "signing place": "tempat penandatanganan",
    "effective start": "tanggal mulai berlaku",
    "effective end": "tanggal berakhir",
    "stated duration (months)": "jangka waktu yang dinyatakan (bulan)",
    "renews": "perpanjangan dari",
    "lead government body": "instansi pemerintah utama",
    "sectors": "sektor",
    "provinces": "provinsi",
    "regencies/cities": "kabupaten/kota",
    "shared with": "dibagikan kepada",
    "termination reason": "alasan pengakhiran",
    "agreement": "perjanjian",
    "agreements": "perjanjian kerja sama",
    # --- Agreement list filters
    "Search": "Cari",
    "Status": "Status",
    "Any status": "Semua status",
    "Any type": "Semua jenis",
    "Partner kind": "Jenis mitra",
    "Any kind": "Semua jenis",
    "Government body": "Instansi pemerintah",
    "Region": "Wilayah",
    "Sector": "Sektor",
    "In force from": "Berlaku sejak",
    "In force until": "Berlaku sampai",
    "Filter agreements": "Saring perjanjian",
    "Filter": "Saring",
    "%(n)s agreement": "%(n)s perjanjian",
    "Partner": "Mitra",
    "Lead body": "Instansi utama",
    "No agreements match.": "Tidak ada perjanjian yang sesuai.",
    # --- Agreement types (acronyms stay; the Indonesian long form is the official name)
    "MSP (Memorandum Saling Pengertian)": "MSP (Memorandum Saling Pengertian)",
    "MoU (Nota Kesepahaman)": "MoU (Nota Kesepahaman)",
    "PKS (Perjanjian Kerja Sama)": "PKS (Perjanjian Kerja Sama)",
    "RIK (master activity plan)": "RIK (Rencana Induk Kegiatan)",
    "RKT (annual work plan)": "RKT (Rencana Kerja Tahunan)",
    "KSDPL (regional cooperation with a foreign local government)": (
        "KSDPL (Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri)"
    ),
    "KSDLL (regional cooperation with a foreign institution)": (
        "KSDLL (Kerja Sama Daerah dengan Lembaga di Luar Negeri)"
    ),
    "LoI (Letter of Intent)": "LoI (Surat Pernyataan Kehendak Kerja Sama)",
    "Amendment": "Amendemen",
    # --- Agreement statuses
    "Draft": "Draf",
    "Under review": "Dalam peninjauan",
    "Signed": "Ditandatangani",
    "Active": "Berlaku",
    "Expired": "Berakhir",
    "Terminated": "Diakhiri",
    "Superseded": "Digantikan",
    # --- Parties and signatories
    "Indonesian government": "Pemerintah Indonesia",
    "Foreign party": "Pihak asing",
    "Lead party": "Pihak utama",
    "Implementing partner": "Mitra pelaksana",
    "Witness": "Saksi",
    "side": "sisi",
    "name at signing": "nama saat penandatanganan",
    "agreement party": "pihak perjanjian",
    "agreement parties": "pihak perjanjian",
    "name": "nama",
    "position/title": "jabatan",
    "signed on": "tanggal penandatanganan",
    "signatory": "penanda tangan",
    "signatories": "penanda tangan",
    "Parties": "Para pihak",
    "Regions": "Wilayah",
    "Signatories": "Penanda tangan",
    "No signatories recorded.": "Belum ada penanda tangan yang dicatat.",
    "Add a signatory": "Tambahkan penanda tangan",
    "Add": "Tambah",
    "The signatory was added.": "Penanda tangan telah ditambahkan.",
    # --- Agreement services and validation messages
    "You may not change agreements.": "Anda tidak berwenang mengubah perjanjian.",
    "You may only record agreements of your own agency.": (
        "Anda hanya dapat mencatat perjanjian instansi Anda sendiri."
    ),
    "Give the agreement a title.": "Isi judul perjanjian.",
    "Unknown agreement type.": "Jenis perjanjian tidak dikenal.",
    "Name at least one foreign party.": "Sebutkan sekurang-kurangnya satu pihak asing.",
    "The duration must be at least one month.": "Jangka waktu sekurang-kurangnya satu bulan.",
    "The agreement was not saved.": "Perjanjian tidak disimpan.",
    "A superseded or terminated agreement can no longer change.": (
        "Perjanjian yang telah digantikan atau diakhiri tidak dapat diubah lagi."
    ),
    "Unknown action.": "Tindakan tidak dikenal.",
    "Record the signing date before marking it signed.": (
        "Catat tanggal penandatanganan sebelum menandai perjanjian sebagai ditandatangani."
    ),
    "An agreement becomes active on its start date.": (
        "Perjanjian mulai berlaku pada tanggal mulai berlakunya."
    ),
    "Give the reason for terminating the agreement.": "Sebutkan alasan pengakhiran perjanjian.",
    "This action is not possible while the agreement is %(status)s.": (
        "Tindakan ini tidak dapat dilakukan selama perjanjian berstatus %(status)s."
    ),
    "Choose one of this agreement's parties.": "Pilih salah satu pihak dalam perjanjian ini.",
    "Give the signatory's position.": "Isi jabatan penanda tangan.",
    "Required.": "Wajib diisi.",
    "An agreement cannot renew itself.": "Perjanjian tidak dapat memperpanjang dirinya sendiri.",
    "This renewal would form a cycle in the chain.": (
        "Perpanjangan ini akan membentuk siklus dalam rantai perpanjangan."
    ),
    "%(title)s is already renewed by %(other)s.": "%(title)s telah diperpanjang oleh %(other)s.",
    "A renewal must start after the agreement it renews starts.": (
        "Perpanjangan harus dimulai setelah tanggal mulai perjanjian yang diperpanjangnya."
    ),
    "There is a gap of %(days)d days after the previous agreement ended.": (
        "Terdapat jeda %(days)d hari setelah perjanjian sebelumnya berakhir."
    ),
    "The renewal overlaps the previous agreement by %(days)d days.": (
        "Perpanjangan ini tumpang tindih %(days)d hari dengan perjanjian sebelumnya."
    ),
    "Gap of %(days)d days between %(a)s and %(b)s.": "Jeda %(days)d hari antara %(a)s dan %(b)s.",
    "%(a)s and %(b)s overlap by %(days)d days.": (
        "%(a)s dan %(b)s tumpang tindih selama %(days)d hari."
    ),
    "The agreement was saved.": "Perjanjian telah disimpan.",
    "The agreement's status was changed.": "Status perjanjian telah diubah.",
    # --- Agreement pages
    "Agreement": "Perjanjian",
    "Agreements": "Perjanjian Kerja Sama",
    "Edit": "Ubah",
    "Record renewal": "Catat perpanjangan",
    "Submit for review": "Ajukan untuk ditinjau",
    "Return to draft": "Kembalikan ke draf",
    "Mark signed": "Tandai ditandatangani",
    "Activate": "Berlakukan",
    "Mark expired": "Tandai berakhir",
    "Terminate": "Akhiri",
    "Period": "Periode",
    "%(m)s month": "%(m)s bulan",
    "Days to expiry": "Sisa hari hingga berakhir",
    "Prepare renewal": "Siapkan perpanjangan",
    "Renewal chain": "Rantai perpanjangan",
    "Edit agreement": "Ubah perjanjian",
    "New agreement": "Perjanjian baru",
    "Please correct the errors below. Nothing was saved.": (
        "Perbaiki kesalahan di bawah ini. Tidak ada data yang disimpan."
    ),
    "Save": "Simpan",
    "Cancel": "Batal",
    "Renewal-preparation window": "Masa persiapan perpanjangan",
    "Today": "Hari ini",
    # --- Audit
    "event": "peristiwa",
    "occurred at": "waktu kejadian",
    "audit event": "catatan audit",
    "audit events": "catatan audit",
    "History": "Riwayat",
    "Before and after": "Sebelum dan sesudah",
    "No recorded changes.": "Belum ada perubahan yang tercatat.",
    # --- Government bodies
    "Coordinating ministry": "Kementerian koordinator",
    "Ministry": "Kementerian",
    "Agency": "Lembaga",
    "Police": "Kepolisian",
    "Armed forces": "Angkatan bersenjata",
    "Unit": "Unit kerja",
    "Provincial government": "Pemerintah provinsi",
    "Regency government": "Pemerintah kabupaten",
    "City government": "Pemerintah kota",
    "key": "kunci",
    "English name": "Nama dalam bahasa Inggris",
    "acronym": "singkatan",
    "aliases": "nama lain",
    "parent body": "instansi induk",
    "valid from": "berlaku sejak",
    "valid until": "berlaku sampai",
    "government bodies": "instansi pemerintah",
    "Part of": "Bagian dari",
    "Other names": "Nama lain",
    "Valid": "Masa berlaku",
    "Units": "Unit kerja",
    "Replaced by": "Digantikan oleh",
    "Replaces": "Menggantikan",
    "Government bodies": "Instansi pemerintah",
    "Search by name, acronym or alias": "Cari berdasarkan nama, singkatan, atau nama lain",
    "Acronym": "Singkatan",
    "No bodies match.": "Tidak ada instansi yang sesuai.",
    # --- Common model fields
    "created at": "dibuat pada",
    "updated at": "diperbarui pada",
    "created by": "dibuat oleh",
    # --- Dashboard
    "Dashboard": "Dasbor",
    "Situation on %(d)s.": "Keadaan per %(d)s.",
    "Renewals to prepare (ending within %(m)s month)": (
        "Perpanjangan yang perlu disiapkan (berakhir dalam %(m)s bulan)"
    ),
    "ends": "berakhir",
    "Nothing to prepare.": "Tidak ada yang perlu disiapkan.",
    "By expiry window": "Menurut rentang waktu berakhir",
    "Within %(m)s month": "Dalam %(m)s bulan",
    "Agreements by status": "Perjanjian menurut status",
    "Active agreements by partner kind": "Perjanjian yang berlaku menurut jenis mitra",
    "Agreements ending in the next 12 months": "Perjanjian yang berakhir dalam 12 bulan ke depan",
    # --- Foreign organizations (registry)
    "Legal name": "Nama resmi",
    "One per line.": "Satu per baris.",
    "Legal type (ormas asing)": "Bentuk hukum (ormas asing)",
    "Sub-type (ormas asing)": "Subjenis (ormas asing)",
    "Country of origin": "Negara asal",
    "Headquarters": "Kantor pusat",
    "Indonesian office": "Kantor di Indonesia",
    "Website": "Situs web",
    "Contact email": "Surel kontak",
    "Contact phone": "Telepon kontak",
    "Description": "Keterangan",
    "Published in the public directory": "Dipublikasikan di direktori publik",
    "code": "kode",
    "Indonesian name": "Nama dalam bahasa Indonesia",
    "sector": "sektor",
    "Foreign foundation/NGO (ormas asing)": "Yayasan/LSM asing (ormas asing)",
    "Regional organization": "Organisasi regional",
    "Multilateral organization": "Organisasi multilateral",
    "UN agency": "Badan PBB",
    "Foreign government agency": "Lembaga pemerintah asing",
    "Foreign local government": "Pemerintah daerah asing",
    "(a) Foreign legal entity (yayasan asing or other name)": (
        "(a) Badan hukum asing (yayasan asing atau sebutan lain)"
    ),
    "(b) Indonesian yayasan founded by foreign nationals": (
        "(b) Yayasan Indonesia yang didirikan oleh warga negara asing"
    ),
    "(c) Indonesian yayasan founded by foreign and Indonesian nationals": (
        "(c) Yayasan Indonesia yang didirikan oleh warga negara asing bersama "
        "warga negara Indonesia"
    ),
    "Manages its own funds": "Mengelola dana sendiri",
    "Implements a foreign donor's programmes": "Melaksanakan program donor asing",
    "Prospective": "Calon",
    "Registered": "Terdaftar",
    "Suspended": "Dibekukan",
    "Inactive": "Tidak aktif",
    "Archived": "Diarsipkan",
    "legal name": "nama resmi",
    "legal type (ormas asing)": "bentuk hukum (ormas asing)",
    "sub-type (ormas asing)": "subjenis (ormas asing)",
    "country of origin": "negara asal",
    "headquarters": "kantor pusat",
    "website": "situs web",
    "contact email": "surel kontak",
    "contact phone": "telepon kontak",
    "description": "keterangan",
    "published in the public directory": "dipublikasikan di direktori publik",
    "foreign organizations": "organisasi asing",
    "person": "personel",
    "people": "personel",
    "People": "Personel",
    "No people recorded.": "Belum ada personel yang dicatat.",
    "Give the legal name.": "Isi nama resmi.",
    "Unknown kind of organization.": "Jenis organisasi tidak dikenal.",
    "Unknown country code.": "Kode negara tidak dikenal.",
    "Legal type and sub-type apply only to ormas asing.": (
        "Bentuk hukum dan subjenis hanya berlaku untuk ormas asing."
    ),
    "Unknown legal type.": "Bentuk hukum tidak dikenal.",
    "Unknown sub-type.": "Subjenis tidak dikenal.",
    "You may not change the registry.": "Anda tidak berwenang mengubah registri.",
    "The organization was not saved.": "Organisasi tidak disimpan.",
    "This organization seems to be registered already: %(name)s.": (
        "Organisasi ini tampaknya sudah terdaftar: %(name)s."
    ),
    "Possible duplicate of %(name)s.": "Kemungkinan duplikat dari %(name)s.",
    "Contact": "Kontak",
    "published": "dipublikasikan",
    "None you can see.": "Tidak ada yang dapat Anda lihat.",
    "Edit organization": "Ubah organisasi",
    "Register organization": "Daftarkan organisasi",
    "Foreign organizations": "Organisasi asing",
    "Country": "Negara",
    "No organizations match.": "Tidak ada organisasi yang sesuai.",
    "The organization was registered.": "Organisasi telah didaftarkan.",
    "The organization was saved.": "Organisasi telah disimpan.",
    # --- Public portal
    "Public directory": "Direktori publik",
    "Foreign organizations registered with the Government of Indonesia and their "
    "active agreements.": (
        "Organisasi asing yang terdaftar pada Pemerintah Indonesia beserta perjanjiannya "
        "yang berlaku."
    ),
    "Cooperation with foreign organizations": "Kerja sama dengan organisasi asing",
    "Cooperation between the Government of Indonesia and foreign organizations": (
        "Kerja sama Pemerintah Indonesia dengan organisasi asing"
    ),
    "%(o)s registered organizations, %(a)s active agreements.": (
        "%(o)s organisasi terdaftar, %(a)s perjanjian yang berlaku."
    ),
    "Open the public directory": "Buka direktori publik",
    "API documentation": "Dokumentasi API",
    "Active agreements": "Perjanjian yang berlaku",
    "Government partner": "Mitra pemerintah",
    "No active agreements.": "Tidak ada perjanjian yang berlaku.",
    # --- Regions
    "Kemendagri code": "Kode Kemendagri",
    "latitude": "lintang",
    "longitude": "bujur",
    "province": "provinsi",
    "Regency": "Kabupaten",
    "City": "Kota",
    "regency/city": "kabupaten/kota",
    # --- Layout, navigation, pagination
    "Skip to content": "Langsung ke konten",
    "Main": "Utama",
    "Organizations": "Organisasi",
    "Language": "Bahasa",
    "Change": "Ganti",
    "Sign out": "Keluar",
    "Pages": "Halaman",
    "Previous": "Sebelumnya",
    "Page %(n)s of %(total)s": "Halaman %(n)s dari %(total)s",
    "Next": "Berikutnya",
    # --- API (validation messages; DRF's {name} placeholders stay as they are)
    "Unknown government body key: {value}.": "Kunci instansi pemerintah tidak dikenal: {value}.",
    "Unknown sector code: {value}.": "Kode sektor tidak dikenal: {value}.",
    "Unknown province code: {value}.": "Kode provinsi tidak dikenal: {value}.",
    "Unknown regency/city code: {value}.": "Kode kabupaten/kota tidak dikenal: {value}.",
    "Unknown foreign organization id: {pk_value}.": (
        "ID organisasi asing tidak dikenal: {pk_value}."
    ),
    "Give foreign organizations by id (a number).": (
        "Sebutkan organisasi asing dengan ID-nya (berupa angka)."
    ),
    "Agreement {pk_value} does not exist, is not one you may edit, or is not signed, active, "
    "expired or superseded.": (
        "Perjanjian {pk_value} tidak ada, tidak dapat Anda ubah, atau tidak berstatus "
        "ditandatangani, berlaku, berakhir, atau digantikan."
    ),
    "Give the renewed agreement by id (a number).": (
        "Sebutkan perjanjian yang diperpanjang dengan ID-nya (berupa angka)."
    ),
    "Give the key of the lead government body.": "Sebutkan kunci instansi pemerintah utama.",
    "Validation error": "Kesalahan validasi",
    "Validation error: %(message)s": "Kesalahan validasi: %(message)s",
    "Validation error: %(field)s: %(message)s": "Kesalahan validasi: %(field)s: %(message)s",
    "Unable to log in with the given username and password.": (
        "Tidak dapat masuk dengan nama pengguna dan kata sandi tersebut."
    ),
    # --- Django and third-party strings their catalogues lack (mitra/core/third_party_strings.py)
    "- Select an option -": "- Pilih salah satu -",
}

# Header fields written into the catalogue; makemessages' other header fields stay as they are.
HEADER = {
    "Project-Id-Version": "Mitra",
    "Language-Team": "Bahasa Indonesia",
    "Language": "id",
    "Plural-Forms": "nplurals=1; plural=0;",
}

PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdif]|\{\w*\}")


# --------------------------------------------------------------------------- .po reading/writing
def _unquote(s: str) -> str:
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError(f"not a quoted PO string: {s!r}")
    body = s[1:-1]
    out, i = [], 0
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _quote(s: str) -> str:
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    return '"' + s.replace("\n", "\\n") + '"'


def _po_string(keyword: str, value: str, width: int = 79) -> list[str]:
    """`keyword "value"`, wrapped the way gettext wraps long strings."""
    single = f"{keyword} {_quote(value)}"
    if len(single) <= width and "\n" not in value[:-1]:
        return [single]
    chunks: list[str] = []
    for piece in re.findall(r"[^\n]*\n|[^\n]+", value):
        line = ""
        for word in re.findall(r"\S+\s*|\s+", piece):
            if line and len(_quote(line + word)) > width - 2:
                chunks.append(line)
                line = ""
            line += word
        if line:
            chunks.append(line)
    return [f'{keyword} ""'] + [_quote(c) for c in chunks]


class Entry:
    """One catalogue entry: comment lines, then keyword lines with their strings."""

    def __init__(self, lines: list[str]):
        self.comments: list[str] = []
        self.fields: dict[str, str] = {}  # keyword → unquoted value, in file order
        self.raw: dict[str, list[str]] = {}  # keyword → its original lines
        self.obsolete = all(line.startswith("#~") for line in lines if line.strip())
        key = None
        for line in lines:
            if self.obsolete or line.startswith("#"):
                self.comments.append(line)
                continue
            m = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$", line)
            if m:
                key = m.group(1)
                self.fields[key] = _unquote(m.group(2))
                self.raw[key] = [line]
            elif line.startswith('"') and key:
                self.fields[key] += _unquote(line)
                self.raw[key].append(line)
            else:
                raise ValueError(f"cannot parse line: {line!r}")

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def plural(self) -> bool:
        return "msgid_plural" in self.fields

    @property
    def fuzzy(self) -> bool:
        return any(c.startswith("#,") and "fuzzy" in c for c in self.comments)

    def translated(self) -> bool:
        keys = ["msgstr[0]"] if self.plural else ["msgstr"]
        return all(self.fields.get(k) for k in keys) and not self.fuzzy

    def unfuzz(self) -> None:
        comments = []
        for c in self.comments:
            if c.startswith("#|"):  # msgmerge's "previous msgid" of a fuzzy match
                continue
            if c.startswith("#,"):
                flags = [f.strip() for f in c[2:].split(",") if f.strip() != "fuzzy"]
                if not flags:
                    continue
                c = "#, " + ", ".join(flags)
            comments.append(c)
        self.comments = comments

    def set_translation(self, text: str) -> bool:
        """Set msgstr (or the single msgstr[0]); True when something changed."""
        key = "msgstr[0]" if self.plural else "msgstr"
        others = [k for k in self.fields if k.startswith("msgstr") and k != key]
        if self.fields.get(key) == text and not others and not self.fuzzy:
            return False
        before = (dict(self.fields), list(self.comments))
        for k in [k for k in self.fields if k.startswith("msgstr")]:
            del self.fields[k]
            self.raw.pop(k, None)
        self.fields[key] = text
        self.unfuzz()
        return (dict(self.fields), list(self.comments)) != before

    def lines(self) -> list[str]:
        if self.obsolete:
            return list(self.comments)
        out = list(self.comments)
        for key, value in self.fields.items():
            out.extend(self.raw.get(key) or _po_string(key, value))
        return out


def read_po(path: Path) -> list[Entry]:
    blocks, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [Entry(b) for b in blocks]


def write_po(path: Path, entries: list[Entry]) -> None:
    path.write_text("\n\n".join("\n".join(e.lines()) for e in entries) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- filling
def placeholders(s: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(s))


HEADER_COMMENTS = [
    "# Mitra: the Bahasa Indonesia catalogue of the web interface.",
    "# Filled by scripts/translations_id.py: change the dictionary there, then rerun it.",
    "#",
]


def _update_header(header: Entry, changed: bool) -> None:
    header.unfuzz()
    flags = [c for c in header.comments if c.startswith("#,")]
    header.comments = HEADER_COMMENTS + flags
    fields = {}
    order = []
    for line in header.fields.get("msgstr", "").splitlines():
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
        order.append(name.strip())
    for name, value in HEADER.items():
        if name not in fields:
            order.append(name)
        fields[name] = value
    if changed or fields.get("PO-Revision-Date", "YEAR").startswith("YEAR"):
        fields["PO-Revision-Date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    text = "".join(f"{name}: {fields[name]}\n" for name in order)
    if text != header.fields.get("msgstr"):
        header.fields["msgstr"] = text
        header.raw.pop("msgstr", None)
        # gettext writes the header one field per line
        header.raw["msgstr"] = ['msgstr ""'] + [_quote(f"{n}: {fields[n]}\n") for n in order]


def fill(path: Path = DEFAULT_PO) -> int:
    entries = read_po(path)
    changed = 0
    missing, mismatched = [], []
    for e in entries:
        if e.obsolete or not e.msgid:
            continue
        text = TRANSLATIONS.get(e.msgid)
        if text is None:
            if not e.translated():
                missing.append(e.msgid)
            continue
        if placeholders(text) != placeholders(e.msgid):
            mismatched.append(e.msgid)
            continue
        changed += e.set_translation(text)
    header = next((e for e in entries if not e.obsolete and not e.msgid), None)
    if header is not None:
        _update_header(header, bool(changed))
    write_po(path, entries)
    total = sum(1 for e in entries if not e.obsolete and e.msgid)
    print(f"{path}: {total} entries, {changed} updated, {len(missing)} untranslated.")
    for msgid in missing:
        print(f"  untranslated: {msgid!r}", file=sys.stderr)
    for msgid in mismatched:
        print(f"  placeholders differ, not written: {msgid!r}", file=sys.stderr)
    return 1 if missing or mismatched else 0


if __name__ == "__main__":
    sys.exit(fill(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PO))
