package pdf

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"regexp"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
)

// A print profile's PDF is PDF/X-4: an output intent naming the printing
// condition (FOGRA39, ISO 12647-2 coated paper) with its ICC profile, the
// version in the Info dictionary and the XMP, trim and bleed boxes on
// every page (written elsewhere). The book is set in grey (DeviceGray),
// which the CMYK condition prints on the black plate.

// fogra39 is a CMYK output profile made with ArgyllCMS from the FOGRA39
// characterization data of Debian's icc-profiles-free (Zlib licence);
// see icc/README.md.
//
//go:embed icc/FOGRA39L.icc
var fogra39 []byte

const (
	pdfxVersion   = "PDF/X-4"
	pdfxCondition = "FOGRA39"
)

// addOutputIntent adds the printing condition to the document.
func addOutputIntent(pdf *fpdf.Fpdf) {
	pdf.AddOutputIntent(fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFX,
		OutputConditionIdentifier: pdfxCondition,
		Info:                      "Coated FOGRA39 (ISO 12647-2:2004)",
		ICCProfile:                fogra39,
	})
}

// fpdf declares every output profile an RGB one; ours has four
// components. Same length, so fpdf's cross-reference table still holds.
var (
	iccDictRGB  = []byte("<< /N 3 /Alternate /DeviceRGB /Length")
	iccDictCMYK = []byte("<</N 4 /Alternate /DeviceCMYK /Length")
)

func fixICCStream(pdf []byte) []byte {
	return bytes.Replace(pdf, iccDictRGB, iccDictCMYK, 1)
}

var (
	intentRe  = regexp.MustCompile(`/S /GTS_PDFX /OutputConditionIdentifier `)
	infoObjRe = regexp.MustCompile(`^(\d+) 0 obj\n<<\n(?:/GTS_PDFXVersion [^\n]*\n/Trapped /False\n)?/Producer `)
	trailerRe = regexp.MustCompile(`/Info \d+ 0 R`)
)

// pdfxObject adds what PDF/X-4 asks of the catalog's output intent (the
// registry naming the condition) and of the Info dictionary.
func pdfxObject(obj []byte) []byte {
	obj = intentRe.ReplaceAll(obj, []byte("/S /GTS_PDFX /RegistryName (http://www.color.org) /OutputConditionIdentifier "))
	if m := infoObjRe.FindIndex(obj); m != nil && !bytes.Contains(obj, []byte("/GTS_PDFXVersion")) {
		at := m[1] - len("/Producer ")
		extra := "/GTS_PDFXVersion (" + pdfxVersion + ")\n/Trapped /False\n"
		obj = append(obj[:at:at], append([]byte(extra), obj[at:]...)...)
	}
	return obj
}

// pdfxXMP is the XMP a PDF/X-4 file carries on top of the document's:
// the version, the trapping state and the document's identifiers (from
// its content, so builds stay reproducible).
func pdfxXMP(title string) string {
	sum := sha256.Sum256([]byte(title))
	id := fmt.Sprintf("uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
	return `<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdfxid:GTS_PDFXVersion>` + pdfxVersion + `</pdfxid:GTS_PDFXVersion>
<pdf:Trapped>False</pdf:Trapped>
<xmpMM:DocumentID>` + id + `</xmpMM:DocumentID>
<xmpMM:InstanceID>` + id + `</xmpMM:InstanceID>
<xmpMM:RenditionClass>default</xmpMM:RenditionClass>
<xmpMM:VersionID>1</xmpMM:VersionID>
</rdf:Description>
`
}

// fixInfoRef points the trailer at the Info dictionary: fpdf takes the
// object before the catalog for it, which the output intent's profile
// is when there is one. The trailer follows the cross-reference table,
// so no offset moves.
func fixInfoRef(pdf []byte, info int) []byte {
	at := bytes.LastIndex(pdf, []byte("\ntrailer\n"))
	if at < 0 {
		return pdf
	}
	tail := trailerRe.ReplaceAll(pdf[at:], []byte("/Info "+strconv.Itoa(info)+" 0 R"))
	return append(pdf[:at:at], tail...)
}
