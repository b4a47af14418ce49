"""charts/roadmap"""
