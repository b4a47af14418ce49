"""prioritise"""
