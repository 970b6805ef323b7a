"""Course packs for trainers: course entries (courses/<id>.yml), their checks, and every output made from them."""
