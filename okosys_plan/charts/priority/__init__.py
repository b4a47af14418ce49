"""charts/priority"""
