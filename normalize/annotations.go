package normalize

// Annotations is the annotations stage. It does nothing yet.
type Annotations struct{}

// NewAnnotations returns the annotations stage for opts.
func NewAnnotations(opts Options) (Stage, error) { return Annotations{}, nil }

// Kind returns KindAnnotation.
func (Annotations) Kind() Kind { return KindAnnotation }

// Edits returns no edits.
func (Annotations) Edits(text string, doc *Doc) ([]Edit, []Finding) { return nil, nil }
